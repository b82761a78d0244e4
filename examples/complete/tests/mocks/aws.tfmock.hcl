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

mock_resource "aws_cloudwatch_log_group" {
  defaults = { arn = "arn:aws:logs:eu-west-1:123456789012:log-group:/kong-gateway/mock" }
}

mock_resource "aws_db_instance" {
  defaults = {
    address            = "kong-db.abcdefghijkl.eu-west-1.rds.amazonaws.com"
    port               = 5432
    master_user_secret = [{ secret_arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!db-0000-AbCdEf", kms_key_id = "", secret_status = "active" }]
  }
}

mock_resource "aws_elasticache_replication_group" {
  defaults = { primary_endpoint_address = "master.kong-ratelimit.abcdef.euw1.cache.amazonaws.com" }
}
