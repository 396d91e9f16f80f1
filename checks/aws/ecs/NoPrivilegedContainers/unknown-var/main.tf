variable "containers" { type = string }

resource "aws_ecs_task_definition" "app" {
  family                = "app"
  container_definitions = var.containers
}
