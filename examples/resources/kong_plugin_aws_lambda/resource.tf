# Kong answers /dev/api1 by invoking the private Flask function through the Lambda interface VPC endpoint,
# signed with the EC2 instance role's credentials (read with IMDSv2): no AWS keys anywhere.
resource "kong_plugin_aws_lambda" "api1" {
  route_id = kong_route.api1_proxy.id

  # An ARN also gives the region (eu-west-1) and the qualifier (the "live" alias).
  function_name = "arn:aws:lambda:eu-west-1:123456789012:function:api1-flask:live"

  # The Lambda interface VPC endpoint (private DNS off, so its own DNS name is used).
  host                      = "vpce-0a1b2c3d4e5f67890-abcdefgh.lambda.eu-west-1.vpce.amazonaws.com"
  aws_imds_protocol_version = "v2"

  # The Flask app runs behind an API Gateway adapter: send API Gateway's event, read its proxy response.
  awsgateway_compatible = true
  is_proxy_integration  = true
  timeout               = 29000
  log_type              = "None"

  tags = ["api:api1"]
}
