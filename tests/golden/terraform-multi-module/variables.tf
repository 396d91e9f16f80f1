variable "project" {
  type = string
}

variable "region" {
  type    = string
  default = "eu-west-1"
}

variable "vpc_cidr" {
  type    = string
  default = "10.0.0.0/16"
}

variable "azs" {
  type    = list(string)
  default = ["eu-west-1a", "eu-west-1b"]
}

variable "ingress_ports" {
  type    = list(number)
  default = [443]
}

variable "instance_count" {
  type    = number
  default = 1
}

variable "ami" {
  type = string
}
