// Command extract-aws-schema writes the subset of a hashicorp/aws provider
// schema (`terraform providers schema -json`, plain or gzipped) that the
// schema-only test provider embeds: the provider block plus the resource and
// data source types selected by a type list, without descriptions.
//
// With -restore-from, attributes and blocks named "description" that the
// input lacks but an older schema of the same provider has are put back: the
// shared 6.57.1 schema had them removed along with the documentation text.
package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/kongform/terraform-provider-kong/internal/testing/awsschemaprovider"
)

func main() {
	in := flag.String("in", "", "full provider schema JSON, optionally gzipped")
	typesPath := flag.String("types", "", "type list: lines of \"resource <glob>\" or \"data <glob>\"")
	out := flag.String("out", "", "subset JSON to write")
	restoreFrom := flag.String("restore-from", "", "optional older schema JSON (optionally gzipped) to restore stripped \"description\" arguments from")
	flag.Parse()
	if *in == "" || *typesPath == "" || *out == "" {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(*in, *typesPath, *out, *restoreFrom); err != nil {
		fmt.Fprintln(os.Stderr, "extract-aws-schema:", err)
		os.Exit(1)
	}
}

func run(inPath, typesPath, outPath, restorePath string) error {
	full, formatVersion, err := readAWSSchema(inPath)
	if err != nil {
		return err
	}
	typeList, err := os.ReadFile(typesPath)
	if err != nil {
		return err
	}
	selectors, err := awsschemaprovider.ParseSelectors(string(typeList))
	if err != nil {
		return fmt.Errorf("%s: %w", typesPath, err)
	}
	subset, err := awsschemaprovider.Subset(full, selectors)
	if err != nil {
		return err
	}
	if restorePath != "" {
		reference, _, err := readAWSSchema(restorePath)
		if err != nil {
			return err
		}
		restored := awsschemaprovider.RestoreNamed(subset, reference, "description")
		fmt.Fprintf(os.Stderr, "extract-aws-schema: restored %d \"description\" arguments and blocks from %s\n", len(restored), restorePath)
	}
	encoded, err := json.MarshalIndent(awsschemaprovider.SchemaFile{
		FormatVersion:   formatVersion,
		ProviderSchemas: map[string]*awsschemaprovider.ProviderSchema{awsschemaprovider.AWSProviderAddress: subset},
	}, "", " ")
	if err != nil {
		return err
	}
	return os.WriteFile(outPath, append(encoded, '\n'), 0o644)
}

func readAWSSchema(path string) (*awsschemaprovider.ProviderSchema, string, error) {
	raw, err := readMaybeGzipped(path)
	if err != nil {
		return nil, "", err
	}
	file, err := awsschemaprovider.DecodeSchemaFile(raw)
	if err != nil {
		return nil, "", fmt.Errorf("%s: %w", path, err)
	}
	aws, err := file.AWS()
	if err != nil {
		return nil, "", fmt.Errorf("%s: %w", path, err)
	}
	return aws, file.FormatVersion, nil
}

func readMaybeGzipped(path string) ([]byte, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if !bytes.HasPrefix(raw, []byte{0x1f, 0x8b}) {
		return raw, nil
	}
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	defer zr.Close()
	return io.ReadAll(zr)
}
