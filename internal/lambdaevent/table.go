package lambdaevent

import "strings"

// Difference is one row of the guide's table: the fields (patterns, "*" is one name segment) and what each side
// puts there. TestDifferencesMatchConversion checks the rows against converted samples in both directions, and
// TestGuideTable that the guide shows exactly Markdown().
type Difference struct {
	Fields           []string
	ALB, Kong, Flask string
}

// Differences is the ALB event against Kong 3.9's, with the settings of modules/kong-lambda-api behind the NGINX
// of examples/complete. Order: most surprising first.
var Differences = []Difference{
	{
		Fields: []string{"requestContext.elb.targetGroupArn"},
		ALB:    "the target group's ARN",
		Kong:   "absent",
		Flask:  "Adapters that detect the ALB by `requestContext.elb` take their API Gateway path instead (see the adapter table).",
	},
	{
		Fields: []string{"requestContext.identity.sourceIp"},
		ALB:    "absent",
		Kong:   "`127.0.0.1`: `$realip_remote_addr`, the address that connected to Kong (NGINX on the instance); `trusted_ips` and `real_ip_header` do not change it",
		Flask:  "`REMOTE_ADDR` is 127.0.0.1 with serverless-wsgi and Mangum. Take the client from `X-Forwarded-For` with ProxyFix.",
	},
	{
		Fields: []string{"body"},
		ALB:    "as sent for text/\\*, application/json, application/javascript, application/xml; base64 otherwise",
		Kong:   "every body base64 (`base64_encode_body = true`); no body is `\"\"`",
		Flask:  "Adapters decode it. A handler that reads `event[\"body\"]` as JSON itself breaks.",
	},
	{
		Fields: []string{"isBase64Encoded"},
		ALB:    "`true` only for the base64 content types",
		Kong:   "`true` whenever `base64_encode_body` is on, also without a body",
		Flask:  "Adapters decode it; nothing to do.",
	},
	{
		Fields: []string{"queryStringParameters", "queryStringParameters.*"},
		ALB:    "single-value mode only: URL-encoded as sent, the **last** of repeated arguments",
		Kong:   "always: decoded (`%XX`, `+` is a space), the **first** of repeated arguments; `?flag` is JSON `true`; at most 100 arguments",
		Flask:  "Adapters re-encode it for `QUERY_STRING`, so `request.args` stays the same; `?flag` becomes `flag=True`.",
	},
	{
		Fields: []string{"multiValueQueryStringParameters", "multiValueQueryStringParameters.*"},
		ALB:    "multi-value mode only, URL-encoded",
		Kong:   "always, decoded, `true` for `?flag`",
		Flask:  "As above; every repeated argument arrives.",
	},
	{
		Fields: []string{"headers.*"},
		ALB:    "single-value mode only: the **last** of repeated headers",
		Kong:   "always: the **first** of repeated headers; names lower case; at most 100 headers",
		Flask:  "Adapters that read `multiValueHeaders` see all values; others see the first instead of the last.",
	},
	{
		Fields: []string{"multiValueHeaders.*"},
		ALB:    "multi-value mode only",
		Kong:   "always",
		Flask:  "serverless-wsgi and apig-wsgi answer with `multiValueHeaders`, which Kong accepts: several `Set-Cookie` work.",
	},
	{
		Fields: []string{"headers.connection", "multiValueHeaders.connection"},
		ALB:    "as the client sent it",
		Kong:   "absent: NGINX sends `Connection: \"\"` to keep its connections to Kong alive",
		Flask:  "None.",
	},
	{
		Fields: []string{"headers.x-forwarded-prefix", "multiValueHeaders.x-forwarded-prefix"},
		ALB:    "absent",
		Kong:   "`/api`, added by NGINX's `/api/` location, which removes that prefix before Kong",
		Flask:  "With ProxyFix `x_prefix=1`, `url_for` and redirects carry `/api` as the browser needs; without, they miss it.",
	},
	{
		Fields: []string{"headers.x-consumer-id", "headers.x-consumer-username", "headers.x-credential-identifier"},
		ALB:    "absent",
		Kong:   "set by key-auth, which overwrites or clears what a client sent",
		Flask:  "The caller's identity, for the app to log or authorize on.",
	},
	{
		Fields: []string{"headers.apikey", "multiValueHeaders.apikey"},
		ALB:    "the client's key, if it sent one",
		Kong:   "absent: key-auth's `hide_credentials` removes the key from headers and query",
		Flask:  "An app that checked keys itself must use `X-Consumer-Username` instead.",
	},
	{
		Fields: []string{"pathParameters", "pathParameters.*"},
		ALB:    "absent",
		Kong:   "`{}`, or the named groups of the route's regex path",
		Flask:  "New; adapters ignore it.",
	},
	{
		Fields: []string{"version"},
		ALB:    "absent",
		Kong:   "`\"1.0\"` (payload 1.0 only: 2.0 is Kong Enterprise 3.12+)",
		Flask:  "Mangum chooses its HTTP API handler by `version` and runs its 1.0 branch.",
	},
	{
		Fields: []string{"resource"},
		ALB:    "absent",
		Kong:   "absent with Kong 3.9's default `router_flavor = traditional_compatible` (and `expressions`); the route's path, a regex without its `~`, with `traditional`",
		Flask:  "Do not route on it.",
	},
	{
		Fields: []string{"path"},
		ALB:    "as the client sent it",
		Kong:   "the normalized upstream path: `%XX` of unreserved and non-ASCII bytes decoded (then re-escaped upper case), `.` and `..` resolved, `//` merged; the service path prepended, the route prefix removed with `strip_path = true`",
		Flask:  "Adapters unquote it, so `PATH_INFO` is the same for ordinary paths; keep `strip_path = false`.",
	},
	{
		Fields: []string{
			"requestContext.path", "requestContext.resourcePath", "requestContext.protocol", "requestContext.httpMethod",
			"requestContext.domainName", "requestContext.domainPrefix", "requestContext.identity.userAgent",
			"requestContext.requestId", "requestContext.requestTime", "requestContext.requestTimeEpoch",
		},
		ALB:   "absent",
		Kong:  "Kong's: `protocol` is NGINX-to-Kong `HTTP/1.1`, `requestId` Kong's request id; no `stage`, `accountId`, `apiId` or `authorizer`",
		Flask: "Code reading `requestContext[\"stage\"]` fails with KeyError.",
	},
}

// Markdown renders Differences as the guide's table.
func Markdown() string {
	var b strings.Builder
	b.WriteString("| field | ALB target group | Kong 3.9 aws-lambda | what changes for the Flask app |\n")
	b.WriteString("| --- | --- | --- | --- |\n")
	for _, d := range Differences {
		fields := make([]string, len(d.Fields))
		for i, f := range d.Fields {
			fields[i] = "`" + f + "`"
		}
		b.WriteString("| " + strings.Join(fields, ", ") + " | " + d.ALB + " | " + d.Kong + " | " + d.Flask + " |\n")
	}
	return b.String()
}
