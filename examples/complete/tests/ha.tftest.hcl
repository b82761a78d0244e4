# The high-availability layout (ha.tf): an Auto Scaling group of two or more instances across two or more subnets from
# the same launch template, registered by instance; Kong's PostgreSQL on RDS (Multi-AZ, encrypted, RDS-managed
# password, backups); the rate-limiting counters in ElastiCache over TLS, aligned with the functions' reserved
# concurrency. The small layout stays the default.

mock_provider "aws" {
  source = "./tests/mocks"
}

mock_provider "kong" {
  source = "./tests/mocks-kong"
}

run "single_instance_is_the_default" {
  command = plan

  assert {
    condition = (
      length(aws_autoscaling_group.kong) == 0 && length(aws_db_instance.kong) == 0 && length(aws_elasticache_replication_group.kong) == 0 &&
      output.kong_db_credentials_script == null
    )
    error_message = "Without var.high_availability there is no Auto Scaling group, RDS or ElastiCache."
  }

  assert {
    condition     = can(regex("(?m)^pg_host\\s+= 127\\.0\\.0\\.1$", output.kong_conf)) && !strcontains(output.kong_conf, "pg_ssl")
    error_message = "The small layout keeps Kong's PostgreSQL on the instance."
  }

  assert {
    condition     = module.api1.rate_limit == { limit_by = "consumer", policy = "local", minute = 600 }
    error_message = "On one node (and without reserved concurrency) api1 keeps its per-consumer limit, counted locally."
  }
}

# Applied (mocked), so that the launch template's id and the data stores' endpoints are known.
run "ha_layout" {
  variables {
    kong_instance_private_ip = null
    high_availability = {
      instance_subnet_ids = ["subnet-0aaaaaaaaaaaaaaaa", "subnet-0bbbbbbbbbbbbbbbb"]
      data_subnet_ids     = ["subnet-0cccccccccccccccc", "subnet-0dddddddddddddddd"]
    }
    lambda_functions = {
      api1 = { arn = "arn:aws:lambda:eu-west-1:123456789012:function:api1", reserved_concurrency = 50, typical_duration_ms = 400 }
      api2 = { arn = "arn:aws:lambda:eu-west-1:123456789012:function:api2", reserved_concurrency = 20 }
    }
  }

  assert {
    condition = (
      aws_autoscaling_group.kong[0].min_size >= 2 && aws_autoscaling_group.kong[0].desired_capacity >= 2 &&
      length(toset(aws_autoscaling_group.kong[0].vpc_zone_identifier)) >= 2
    )
    error_message = "The Auto Scaling group must run two or more instances across two or more subnets."
  }

  assert {
    condition     = one(aws_autoscaling_group.kong[0].launch_template).id == aws_launch_template.kong.id && one(aws_autoscaling_group.kong[0].launch_template).version == tostring(aws_launch_template.kong.latest_version)
    error_message = "The instances must come from this plan's launch template, its latest version."
  }

  assert {
    condition = (
      toset(aws_autoscaling_group.kong[0].target_group_arns) == toset([module.target_groups.nginx_target_group_arn, module.admin_target_group.nginx_target_group_arn]) &&
      aws_autoscaling_group.kong[0].health_check_type == "ELB" &&
      one(aws_autoscaling_group.kong[0].instance_refresh).strategy == "Rolling"
    )
    error_message = "The group must register its instances in both target groups, replace those the ALB finds unhealthy, and roll new configurations out."
  }

  # Registered by instance; healthy only when Kong is ready: the ALB checks NGINX's /healthz, which proxies Kong's
  # /status/ready on the status listener.
  assert {
    condition = (
      module.target_groups.nginx_target_group_arn != null &&
      output.nginx_target_group_arn == module.target_groups.nginx_target_group_arn &&
      can(regex("location = /healthz \\{[^}]*proxy_pass http://127\\.0\\.0\\.1:8100/status/ready;", output.nginx_servers.ui))
    )
    error_message = "The health check must reach Kong's readiness endpoint through NGINX."
  }

  assert {
    condition = (
      aws_db_instance.kong[0].engine == "postgres" && aws_db_instance.kong[0].multi_az && aws_db_instance.kong[0].storage_encrypted &&
      aws_db_instance.kong[0].manage_master_user_password && aws_db_instance.kong[0].password == null &&
      aws_db_instance.kong[0].backup_retention_period == 14 && aws_db_instance.kong[0].deletion_protection &&
      !aws_db_instance.kong[0].publicly_accessible && !aws_db_instance.kong[0].skip_final_snapshot
    )
    error_message = "Kong's database must be Multi-AZ, encrypted, backed up, private, protected from deletion, with its password managed by RDS."
  }

  assert {
    condition = (
      aws_vpc_security_group_ingress_rule.kong_db_from_kong[0].referenced_security_group_id == "sg-0c0c0c0c0c0c0c0c0" &&
      aws_vpc_security_group_ingress_rule.kong_db_from_kong[0].from_port == 5432 && aws_vpc_security_group_ingress_rule.kong_db_from_kong[0].cidr_ipv4 == null
    )
    error_message = "Only the Kong instances may reach the database."
  }

  assert {
    condition = alltrue([for setting in [
      "pg_host\\s+= kong-db\\.abcdefghijkl\\.eu-west-1\\.rds\\.amazonaws\\.com",
      "pg_ssl\\s+= on", "pg_ssl_required\\s+= on", "pg_ssl_verify\\s+= on",
      "lua_ssl_trusted_certificate = system,/etc/ssl/certs/rds-global-bundle\\.pem",
    ] : can(regex("(?m)^${setting}$", output.kong_conf))]) && !can(regex("(?m)^pg_password", output.kong_conf))
    error_message = "Kong must reach RDS over verified TLS, with no password in kong.conf."
  }

  assert {
    condition = (
      strcontains(output.kong_db_credentials_script, "--secret-id 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!db-0000-AbCdEf'") &&
      contains(jsondecode(module.kong_ec2_iam.inline_policy_json).Statement[1].Resource, "arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!db-0000-AbCdEf") &&
      contains([for f in yamldecode(base64decode(aws_launch_template.kong.user_data)).write_files : f.path], "/usr/local/sbin/kong-db-credentials") &&
      yamldecode(base64decode(aws_launch_template.kong.user_data)).runcmd[0] == ["/usr/local/sbin/kong-db-credentials"]
    )
    error_message = "Each instance must read the RDS-managed password at boot, before Kong starts, with a role allowed exactly that secret."
  }

  assert {
    condition = (
      aws_elasticache_replication_group.kong[0].transit_encryption_enabled && aws_elasticache_replication_group.kong[0].at_rest_encryption_enabled &&
      aws_elasticache_replication_group.kong[0].multi_az_enabled && aws_elasticache_replication_group.kong[0].automatic_failover_enabled &&
      aws_elasticache_replication_group.kong[0].num_cache_clusters == 2 &&
      aws_elasticache_replication_group.kong[0].user_group_ids == toset(["kong-ratelimit"])
    )
    error_message = "The rate-limiting counters must be in a Multi-AZ ElastiCache group, encrypted in transit and at rest, with its own users."
  }

  assert {
    condition = (
      aws_elasticache_user.default_off[0].access_string == "off -@all" &&
      aws_elasticache_user.kong[0].access_string == "on ~ratelimit:* +@all -@dangerous" &&
      aws_elasticache_user.kong[0].passwords_wo == null
    )
    error_message = "The default user must be off, Kong's user limited to the rate-limiting keys, its password kept out of the state."
  }

  # Every node counts in the same keys; the limit is 90 % of what each function's reserved concurrency serves.
  assert {
    condition = module.api1.rate_limit == {
      limit_by = "service", policy = "redis", second = 112
      redis = {
        host     = "master.kong-ratelimit.abcdef.euw1.cache.amazonaws.com", port = 6379, timeout = 2000, ssl = true, ssl_verify = true,
        username = "kong", server_name = "master.kong-ratelimit.abcdef.euw1.cache.amazonaws.com"
      }
    }
    error_message = "api1 must be limited to 112 requests per second for the whole API (50 concurrent x 400 ms x 0.9), counted in ElastiCache over verified TLS."
  }

  assert {
    condition     = module.api2.rate_limit.policy == "redis" && module.api2.rate_limit.second == 18 && module.api2.rate_limit.limit_by == "service"
    error_message = "api2 must be limited to 18 requests per second (20 concurrent x 1 s x 0.9), counted in ElastiCache."
  }
}

run "rejects_a_single_subnet" {
  command = plan

  variables {
    kong_instance_private_ip = null
    high_availability = {
      instance_subnet_ids = ["subnet-0aaaaaaaaaaaaaaaa", "subnet-0aaaaaaaaaaaaaaaa"]
      data_subnet_ids     = ["subnet-0cccccccccccccccc", "subnet-0dddddddddddddddd"]
    }
  }

  expect_failures = [var.high_availability]
}

run "rejects_one_instance" {
  command = plan

  variables {
    kong_instance_private_ip = null
    high_availability = {
      instance_subnet_ids = ["subnet-0aaaaaaaaaaaaaaaa", "subnet-0bbbbbbbbbbbbbbbb"]
      data_subnet_ids     = ["subnet-0cccccccccccccccc", "subnet-0dddddddddddddddd"]
      min_size            = 1
    }
  }

  expect_failures = [var.high_availability]
}

run "rejects_an_instance_address_with_the_auto_scaling_group" {
  command = plan

  variables {
    high_availability = {
      instance_subnet_ids = ["subnet-0aaaaaaaaaaaaaaaa", "subnet-0bbbbbbbbbbbbbbbb"]
      data_subnet_ids     = ["subnet-0cccccccccccccccc", "subnet-0dddddddddddddddd"]
    }
  }

  expect_failures = [var.kong_instance_private_ip]
}

run "rejects_the_small_layout_without_an_instance_address" {
  command = plan

  variables {
    kong_instance_private_ip = null
  }

  expect_failures = [var.kong_instance_private_ip]
}
