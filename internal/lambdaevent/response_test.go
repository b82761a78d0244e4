package lambdaevent

import (
	"reflect"
	"testing"
)

func TestKongResponse(t *testing.T) {
	// serverless-wsgi's answer to an event with multiValueHeaders (Kong's always has them).
	doc := []byte(`{"statusCode": 201, "multiValueHeaders": {"Content-Type": ["text/html; charset=utf-8"],
		"Set-Cookie": ["a=1; Path=/", "b=2; Path=/"]}, "body": "<p>ok</p>", "isBase64Encoded": false}`)
	got := KongResponse(doc, true, InvokeHeaders(false))
	if got.Status != 201 || string(got.Body) != "<p>ok</p>" {
		t.Fatalf("got %d %q", got.Status, got.Body)
	}
	want := map[string][]string{
		"Content-Type":           {"text/html; charset=utf-8"}, // the function's, over the Invoke API's
		"Set-Cookie":             {"a=1; Path=/", "b=2; Path=/"},
		"Content-Length":         {"9"},
		"Via":                    {"1.1 kong/3.9.1"},
		"X-Amz-Executed-Version": {"$LATEST"},
		"X-Amzn-Requestid":       {"00000000-0000-0000-0000-000000000000"},
	}
	if !reflect.DeepEqual(got.Headers, want) {
		t.Errorf("headers %v, want %v", got.Headers, want)
	}

	// The same document through a single-value ALB target group: multiValueHeaders do not count.
	alb, err := ALBResponse(doc, false)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := alb.Headers["Set-Cookie"]; ok {
		t.Errorf("single-value ALB kept multiValueHeaders: %v", alb.Headers)
	}

	// awsgi's API Gateway answer: statusCode as a string, binary body.
	got = KongResponse([]byte(`{"statusCode": "200", "headers": {"Content-Type": "image/png"}, "body": "iVBORw0KGgo=", "isBase64Encoded": true}`), true, nil)
	if got.Status != 200 || len(got.Body) != 8 || got.Headers["Content-Type"][0] != "image/png" {
		t.Errorf("binary: %d %v %q", got.Status, got.Headers, got.Body)
	}

	for _, bad := range []string{`{"body": "x"}`, `{"statusCode": 700}`, `{"statusCode": 200, "isBase64Encoded": "yes"}`, `not json`} {
		if got := KongResponse([]byte(bad), true, nil); got.Status != 502 {
			t.Errorf("%s: status %d, want 502", bad, got.Status)
		}
	}
	// Without is_proxy_integration the document itself is the body.
	if got := KongResponse(doc, false, nil); got.Status != 200 || string(got.Body) != string(doc) {
		t.Errorf("raw: %d %q", got.Status, got.Body)
	}
}
