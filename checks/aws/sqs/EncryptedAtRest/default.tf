# New queues get SSE-SQS unless it is turned off.
resource "aws_sqs_queue" "jobs" {
  name = "jobs"
}

resource "aws_kms_key" "jobs" {}

resource "aws_sqs_queue" "kms" {
  name                    = "kms"
  sqs_managed_sse_enabled = false
  kms_master_key_id       = aws_kms_key.jobs.arn
}
