package routepath

import "testing"

func TestCases(t *testing.T) {
	for _, tc := range Cases {
		if got := Problem(tc.Path); got != tc.Kong {
			t.Errorf("Problem(%q) = %q, want %q", tc.Path, got, tc.Kong)
		}
		if tc.Kong != "" {
			continue // Kong skips the ATC check of a route whose paths failed
		}
		if got := ATCProblem(Route{Paths: []string{tc.Path}}); got != tc.ATC {
			t.Errorf("ATCProblem(paths = [%q]) =\n%s\nwant\n%s", tc.Path, got, tc.ATC)
		}
	}
}

func TestNormalize(t *testing.T) {
	for in, want := range map[string]string{
		"": "", "/": "/", "/a/b": "/a/b", "/a/./b": "/a/b", "/a/b/..": "/a/", "/a/b/../c": "/a/c",
		"/../a": "/a", "/a/.": "/a/", "/a//b": "/a/b", "/%41%62": "/Ab", "/%2e%2e/a": "/a", "/a%3ab": "/a%3Ab",
	} {
		if got := Normalize(in); got != want {
			t.Errorf("Normalize(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPCREToNET(t *testing.T) {
	for in, want := range map[string]string{
		"a++":            "a+",
		"a*+b?+":         "a*b?",
		"a{2,3}+":        "a{2,3}",
		`\++`:            `\++`,
		"[+]+":           "[+]+",
		"[]+]+":          `[\]+]+`,
		"(?P<n>x)(?P=n)": `(?<n>x)\k<n>`,
		`\Q.+\E`:         `\.\+`,
		"(?:a)+":         "(?:a)+",
	} {
		if got := pcreToNET(in); got != want {
			t.Errorf("pcreToNET(%q) = %q, want %q", in, got, want)
		}
	}
}
