# The upstream of a Lambda-backed API. The aws-lambda plugin on the service answers every request itself, so
# Kong never connects to this host; ".invalid" never resolves, so if the plugin were removed requests would
# fail instead of reaching some other upstream.
resource "kong_service" "api1" {
  name            = "api1-lambda"
  protocol        = "https"
  host            = "api1.lambda.invalid"
  port            = 443
  connect_timeout = 5000
  read_timeout    = 29000 # the Lambda function's timeout, in milliseconds
  write_timeout   = 29000
  tags            = ["api:api1"]
}
