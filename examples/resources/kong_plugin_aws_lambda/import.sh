# By id
terraform import kong_plugin_aws_lambda.api1 5b7d9f1a-3c4e-4a6b-8d0f-2e4a6c8e0b1d
