variable "region" {
  type    = string
  default = "eu-west-1"
}

variable "project" {
  type = string
}

variable "vpc_id" {
  type = string
}

variable "admin_ports" {
  type    = list(number)
  default = [22]
}

variable "create_database" {
  type    = bool
  default = true
}

variable "db_password" {
  type      = string
  sensitive = true
}
