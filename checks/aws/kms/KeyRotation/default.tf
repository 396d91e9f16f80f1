# A missing enable_key_rotation is false; asymmetric keys cannot rotate.
resource "aws_kms_key" "data" {
#        ^^^^^^^^^^^^^^^^^^^^ AWS-KMS-001
  description = "app data"
}

resource "aws_kms_key" "signing" {
  customer_master_key_spec = "RSA_2048"
  key_usage                = "SIGN_VERIFY"
}
