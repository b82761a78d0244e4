// Package schema embeds the committed subset of the hashicorp/aws provider
// schema. Regenerate it with scripts/extract-aws-schema.sh after editing
// types.txt.
package schema

import _ "embed"

// AWSSubsetJSON is the hashicorp/aws 6.57.1 schema restricted to the types in
// types.txt, in `terraform providers schema -json` form without descriptions.
//
//go:embed aws-6.57.1-subset.json
var AWSSubsetJSON []byte

// TypeList is the list of type globs AWSSubsetJSON was extracted with.
//
//go:embed types.txt
var TypeList string
