# Terraform 1.5+: adopt an existing credential during plan and apply, by "<consumer>/<key or id>" or the
# credential id.
import {
  to = kong_consumer_jwt.batch_job
  id = "batch-job/batch-job"
}
