resource "aws_efs_file_system" "this" {
  creation_token = "data"
  encrypted      = false
#                  ^^^^^ AWS-EFS-001
}
