resource "aws_efs_file_system" "this" {
  creation_token = "data"
  encrypted      = true
#                  ^^^^^ AWS-EFS-001
}
