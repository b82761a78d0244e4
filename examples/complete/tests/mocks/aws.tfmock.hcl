# Values the AWS modules check or pass on: the Region and partition in ARNs, and ids with the shapes the modules'
# validations expect.
mock_data "aws_region" {
  defaults = { region = "eu-west-1" }
}

mock_data "aws_partition" {
  defaults = { partition = "aws", dns_suffix = "amazonaws.com" }
}

mock_resource "aws_vpc_endpoint" {
  defaults = {
    id        = "vpce-0123456789abcdef0"
    dns_entry = [{ dns_name = "vpce-0123456789abcdef0-abcdefgh.lambda.eu-west-1.vpce.amazonaws.com", hosted_zone_id = "Z7HUB22UULQXV" }]
  }
}

mock_resource "aws_security_group" {
  defaults = { id = "sg-0e0e0e0e0e0e0e0e0" }
}

mock_resource "aws_iam_role" {
  defaults = { arn = "arn:aws:iam::123456789012:role/kong-gateway" }
}

mock_resource "aws_lb_target_group" {
  defaults = { arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/kong-nginx/0123456789abcdef" }
}
