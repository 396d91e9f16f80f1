# A root module with a VPC module, two uses of an S3 module and web servers:
# a realistic multi-module project with tfvars.
provider "aws" {
  region = var.region
  default_tags {
    tags = {
      Project = var.project
    }
  }
}

module "vpc" {
  source = "./modules/vpc"
  name   = var.project
  cidr   = var.vpc_cidr
  azs    = var.azs
}

module "logs" {
  source      = "./modules/s3"
  bucket_name = "${var.project}-logs"
}

module "data" {
  source      = "./modules/s3"
  bucket_name = "${var.project}-data"
  versioning  = true
  log_bucket  = module.logs.bucket_id
}

resource "aws_security_group" "web" {
  name   = "${var.project}-web"
  vpc_id = module.vpc.vpc_id

  dynamic "ingress" {
    for_each = var.ingress_ports
    content {
      from_port   = ingress.value
      to_port     = ingress.value
      protocol    = "tcp"
      cidr_blocks = ["0.0.0.0/0"]
    }
  }
}

resource "aws_instance" "web" {
  count                  = var.instance_count
  ami                    = var.ami
  instance_type          = "t3.micro"
  subnet_id              = module.vpc.private_subnet_ids[count.index]
  vpc_security_group_ids = [aws_security_group.web.id]

  metadata_options {
    http_tokens = "required"
  }

  tags = {
    Name = "${var.project}-web-${count.index}"
  }
}
