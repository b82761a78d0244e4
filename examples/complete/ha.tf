# The high-availability layout (var.high_availability; docs/guides/production.md explains the choices):
#
#   ALB -> NGINX target group (by instance) -> Auto Scaling group: >= 2 instances across >= 2 Availability Zones, each
#          NGINX + Kong in traditional mode, from the launch template in edge.tf
#   Kong -> PostgreSQL on RDS (Multi-AZ, encrypted, password managed by RDS in Secrets Manager, backups)
#   Kong -> ElastiCache (Redis, TLS + AUTH user, Multi-AZ): the rate-limiting counters every node shares
#
# Why traditional mode on RDS rather than hybrid mode: every node keeps the Admin API the provider, Atlantis and the
# automation listener (admin.tf) already use, writes land in one database that RDS replicates and backs up, and there is
# no control plane instance or cluster certificate to run. Nodes cache the configuration, so a database failover
# (about a minute) stops configuration changes, not traffic.
#
# Null (the default) keeps the small layout: one instance registered by IP, PostgreSQL on it, counters per node.

locals {
  ha = var.high_availability != null

  # The RDS certificate authorities, installed in the AMI from https://truststore.pki.rds.amazonaws.com (kong.conf
  # verifies the database's certificate against them).
  rds_ca_bundle = "/etc/ssl/certs/rds-global-bundle.pem"
}

resource "aws_autoscaling_group" "kong" {
  count = local.ha ? 1 : 0

  name_prefix         = "kong-gateway-"
  vpc_zone_identifier = var.high_availability.instance_subnet_ids
  min_size            = var.high_availability.min_size
  max_size            = var.high_availability.max_size
  desired_capacity    = var.high_availability.min_size
  # The ASG registers each instance by id in both target groups: the UI/API one and the automation listener's.
  target_group_arns = [module.target_groups.nginx_target_group_arn, module.admin_target_group.nginx_target_group_arn]
  # An instance whose Kong is not ready (ALB health check: NGINX's /healthz -> Kong's /status/ready) is replaced.
  health_check_type         = "ELB"
  health_check_grace_period = 300

  launch_template {
    id      = aws_launch_template.kong.id
    version = aws_launch_template.kong.latest_version
  }

  # A new launch template version (changed NGINX or Kong configuration) replaces the instances one by one, keeping at
  # least half of them in service.
  instance_refresh {
    strategy = "Rolling"
    preferences {
      min_healthy_percentage = 50
    }
  }

  tag {
    key                 = "Name"
    value               = "kong-gateway"
    propagate_at_launch = true
  }
}

# PostgreSQL for Kong: only Kong's instances reach it.
resource "aws_security_group" "kong_db" {
  count = local.ha ? 1 : 0

  name_prefix = "kong-db-"
  description = "Kong's PostgreSQL: the Kong instances only"
  vpc_id      = var.vpc_id
}

resource "aws_vpc_security_group_ingress_rule" "kong_db_from_kong" {
  count = local.ha ? 1 : 0

  security_group_id            = aws_security_group.kong_db[0].id
  description                  = "PostgreSQL from the Kong instances"
  referenced_security_group_id = var.kong_security_group_id
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
}

resource "aws_db_subnet_group" "kong" {
  count = local.ha ? 1 : 0

  name_prefix = "kong-"
  subnet_ids  = var.high_availability.data_subnet_ids
}

resource "aws_db_instance" "kong" {
  count = local.ha ? 1 : 0

  identifier_prefix = "kong-"
  engine            = "postgres"
  engine_version    = var.high_availability.db_engine_version
  instance_class    = var.high_availability.db_instance_class
  allocated_storage = var.high_availability.db_allocated_storage
  storage_type      = "gp3"
  db_name           = "kong"
  username          = "kong"
  # RDS generates the password and keeps (and rotates) it in Secrets Manager: Terraform never holds it.
  manage_master_user_password = true

  multi_az               = true
  storage_encrypted      = true
  db_subnet_group_name   = aws_db_subnet_group.kong[0].name
  vpc_security_group_ids = [aws_security_group.kong_db[0].id]
  publicly_accessible    = false

  backup_retention_period    = var.high_availability.backup_retention_days
  backup_window              = "02:00-03:00"
  maintenance_window         = "sun:03:30-sun:04:30"
  copy_tags_to_snapshot      = true
  deletion_protection        = true
  skip_final_snapshot        = false
  final_snapshot_identifier  = "kong-final"
  auto_minor_version_upgrade = true
}

# Rate-limiting counters, shared by every node: only Kong's instances reach them, over TLS, as their own user.
resource "aws_security_group" "kong_redis" {
  count = local.ha ? 1 : 0

  name_prefix = "kong-redis-"
  description = "Kong's rate-limiting counters: the Kong instances only"
  vpc_id      = var.vpc_id
}

resource "aws_vpc_security_group_ingress_rule" "kong_redis_from_kong" {
  count = local.ha ? 1 : 0

  security_group_id            = aws_security_group.kong_redis[0].id
  description                  = "Redis (TLS) from the Kong instances"
  referenced_security_group_id = var.kong_security_group_id
  ip_protocol                  = "tcp"
  from_port                    = 6379
  to_port                      = 6379
}

resource "aws_elasticache_subnet_group" "kong" {
  count = local.ha ? 1 : 0

  name       = "kong-ratelimit"
  subnet_ids = var.high_availability.data_subnet_ids
}

# The user group must hold a user named "default": it is switched off, so a connection without Kong's user gets nothing.
resource "aws_elasticache_user" "default_off" {
  count = local.ha ? 1 : 0

  user_id       = "kong-ratelimit-default"
  user_name     = "default"
  engine        = "redis"
  access_string = "off -@all"

  authentication_mode {
    type = "no-password-required"
  }
}

# Kong's user may touch only the rate-limiting plugin's keys ("ratelimit:..."), and not the dangerous commands.
resource "aws_elasticache_user" "kong" {
  count = local.ha ? 1 : 0

  user_id              = "kong-ratelimit"
  user_name            = "kong"
  engine               = "redis"
  access_string        = "on ~ratelimit:* +@all -@dangerous"
  passwords_wo         = var.redis_password
  passwords_wo_version = var.redis_password_version

  lifecycle {
    precondition {
      condition     = var.redis_password != null
      error_message = "var.redis_password is required with var.high_availability: Kong's ElastiCache user needs a password (TF_VAR_redis_password from a secret store)."
    }
  }
}

resource "aws_elasticache_user_group" "kong" {
  count = local.ha ? 1 : 0

  user_group_id = "kong-ratelimit"
  engine        = "redis"
  user_ids      = [aws_elasticache_user.default_off[0].user_id, aws_elasticache_user.kong[0].user_id]
}

resource "aws_elasticache_replication_group" "kong" {
  count = local.ha ? 1 : 0

  replication_group_id       = "kong-ratelimit"
  description                = "Kong Gateway rate-limiting counters"
  engine                     = "redis"
  engine_version             = "7.1"
  node_type                  = var.high_availability.redis_node_type
  port                       = 6379
  num_cache_clusters         = 2
  automatic_failover_enabled = true
  multi_az_enabled           = true
  transit_encryption_enabled = true
  at_rest_encryption_enabled = true
  user_group_ids             = [aws_elasticache_user_group.kong[0].user_group_id]
  subnet_group_name          = aws_elasticache_subnet_group.kong[0].name
  security_group_ids         = [aws_security_group.kong_redis[0].id]
  # Counters live for a minute or an hour: nothing worth a snapshot.
  snapshot_retention_limit = 0
}

locals {
  # With high availability, every node counts in the same keys; on one node, its own memory is the same thing.
  rate_limit_redis = local.ha ? {
    host     = aws_elasticache_replication_group.kong[0].primary_endpoint_address
    username = aws_elasticache_user.kong[0].user_name
  } : null

  # Each API's ceiling: 90 % of what its function's reserved concurrency serves per second (concurrency / duration),
  # so Kong answers 429 before Lambda throttles (which Kong would turn into 500s). Null where no concurrency is reserved.
  api_rate_ceilings = {
    for api, fn in var.lambda_functions : api => (
      fn.reserved_concurrency == null ? null : max(1, floor(0.9 * fn.reserved_concurrency * 1000 / fn.typical_duration_ms))
    )
  }
}
