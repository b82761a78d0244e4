// Command extract-aws-schema writes the subset of a hashicorp/aws provider
// schema (`terraform providers schema -json`, plain or gzipped) that the
// schema-only test provider embeds: the provider block plus the resource and
// data source types selected by a type list, without descriptions.
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
	flag.Parse()
	if *in == "" || *typesPath == "" || *out == "" {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(*in, *typesPath, *out); err != nil {
		fmt.Fprintln(os.Stderr, "extract-aws-schema:", err)
		os.Exit(1)
	}
}

func run(inPath, typesPath, outPath string) error {
	raw, err := readMaybeGzipped(inPath)
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
	file, err := awsschemaprovider.DecodeSchemaFile(raw)
	if err != nil {
		return err
	}
	full, err := file.AWS()
	if err != nil {
		return err
	}
	subset, err := awsschemaprovider.Subset(full, selectors)
	if err != nil {
		return err
	}
	encoded, err := json.MarshalIndent(awsschemaprovider.SchemaFile{
		FormatVersion:   file.FormatVersion,
		ProviderSchemas: map[string]*awsschemaprovider.ProviderSchema{awsschemaprovider.AWSProviderAddress: subset},
	}, "", " ")
	if err != nil {
		return err
	}
	return os.WriteFile(outPath, append(encoded, '\n'), 0o644)
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
