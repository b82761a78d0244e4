package awsclient

import (
	"errors"

	"github.com/aws/smithy-go"
)

// errorCode returns the AWS error code of err ("" when err is not an AWS API
// error, e.g. a network failure).
func errorCode(err error) string {
	var apiErr smithy.APIError
	if errors.As(err, &apiErr) {
		return apiErr.ErrorCode()
	}
	return ""
}

// isAccessDenied reports whether err is an authorization failure. Each AWS
// protocol family spells it differently.
func isAccessDenied(err error) bool {
	switch errorCode(err) {
	case "AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "KMSAccessDeniedException":
		return true
	}
	return false
}
