// Package e2e runs the real terraform CLI with the provider binary built from this tree against the
// in-repo Kong-compatible server: what a user's `terraform apply` does, including things in-process tests
// cannot do, such as killing Terraform halfway through an apply or running two applies at once. The fault
// tests and the benchmark (cmd/bench) are built on it.
package e2e

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// BuildProvider compiles the provider into dir and returns dir, ready for a dev_overrides entry.
func BuildProvider(ctx context.Context, dir string) (string, error) {
	root, err := ModuleRoot(ctx)
	if err != nil {
		return "", err
	}
	cmd := exec.CommandContext(ctx, "go", "build", "-o", filepath.Join(dir, "terraform-provider-kong"), ".")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("building the provider: %w\n%s", err, out)
	}
	return dir, nil
}

// ModuleRoot is the directory of this Go module.
func ModuleRoot(ctx context.Context) (string, error) {
	out, err := exec.CommandContext(ctx, "go", "list", "-m", "-f", "{{.Dir}}").Output()
	if err != nil {
		return "", fmt.Errorf("finding the module root: %w", err)
	}
	return strings.TrimSpace(string(out)), nil
}

// Workspace is one Terraform root module directory with its own CLI configuration: the provider comes from
// a dev override, nothing is downloaded, and the user's ~/.terraformrc is never read.
type Workspace struct {
	Dir string
	env []string
}

// NewWorkspace prepares dir to run terraform against the Kong Admin API at adminURL.
func NewWorkspace(dir, providerDir, adminURL string, extraEnv ...string) (*Workspace, error) {
	rc := filepath.Join(dir, ".terraformrc")
	config := fmt.Sprintf("provider_installation {\n  dev_overrides {\n    \"kongform/kong\" = %q\n  }\n  direct {}\n}\n", providerDir)
	if err := os.WriteFile(rc, []byte(config), 0o600); err != nil {
		return nil, err
	}
	env := append(os.Environ(),
		"TF_CLI_CONFIG_FILE="+rc,
		"TF_IN_AUTOMATION=1",
		"CHECKPOINT_DISABLE=1",
		"KONG_ADMIN_URL="+adminURL,
	)
	return &Workspace{Dir: dir, env: append(env, extraEnv...)}, nil
}

// WriteConfig replaces the workspace's main.tf.
func (w *Workspace) WriteConfig(hcl string) error {
	return os.WriteFile(filepath.Join(w.Dir, "main.tf"), []byte(hcl), 0o600)
}

// Result is what one terraform command did.
type Result struct {
	ExitCode       int
	Stdout, Stderr string
	// CPU is the processor time, user and system, of terraform and of the provider plugins it started and
	// waited for.
	CPU time.Duration
}

func (r Result) String() string {
	return fmt.Sprintf("exit %d\n--- stdout\n%s\n--- stderr\n%s", r.ExitCode, r.Stdout, r.Stderr)
}

// Terraform runs terraform with args in the workspace and waits for it.
func (w *Workspace) Terraform(ctx context.Context, args ...string) (Result, error) {
	return w.TerraformEnv(ctx, nil, args...)
}

// TerraformEnv is Terraform with extra environment variables (NAME=value) for this one command.
func (w *Workspace) TerraformEnv(ctx context.Context, env []string, args ...string) (Result, error) {
	cmd := w.Command(ctx, args...)
	cmd.Env = append(cmd.Env, env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	res := Result{Stdout: stdout.String(), Stderr: stderr.String()}
	if cmd.ProcessState != nil {
		res.CPU = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	}
	var exitErr *exec.ExitError
	if errors.As(err, &exitErr) {
		res.ExitCode = exitErr.ExitCode()
		return res, nil
	}
	return res, err
}

// Command prepares terraform with args in the workspace without starting it. It runs in its own process
// group, so Kill takes the provider plugin down with it, as a crash of the CI runner would.
func (w *Workspace) Command(ctx context.Context, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, TerraformBinary(), append([]string{"-chdir=" + w.Dir}, args...)...)
	cmd.Env = w.env
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return Kill(cmd) }
	return cmd
}

// TerraformBinary is the CLI the tests run: TF_ACC_TERRAFORM_PATH when set (`make testacc TERRAFORM=tofu`
// sets it, as it does for the provider's acceptance tests), otherwise terraform from PATH.
func TerraformBinary() string {
	if path := os.Getenv("TF_ACC_TERRAFORM_PATH"); path != "" {
		return path
	}
	return "terraform"
}

// Kill ends a started command and every process it started, at once (SIGKILL: no chance to clean up).
func Kill(cmd *exec.Cmd) error {
	if cmd.Process == nil {
		return nil
	}
	return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
}

// Apply runs terraform apply without prompts.
func (w *Workspace) Apply(ctx context.Context, extra ...string) (Result, error) {
	return w.Terraform(ctx, append([]string{"apply", "-auto-approve", "-input=false", "-no-color"}, extra...)...)
}

// PlanIsEmpty runs terraform plan -detailed-exitcode and reports whether it found nothing to change.
func (w *Workspace) PlanIsEmpty(ctx context.Context, extra ...string) (bool, Result, error) {
	res, err := w.Terraform(ctx, append([]string{"plan", "-detailed-exitcode", "-input=false", "-no-color"}, extra...)...)
	if err != nil {
		return false, res, err
	}
	switch res.ExitCode {
	case 0:
		return true, res, nil
	case 2:
		return false, res, nil
	}
	return false, res, fmt.Errorf("terraform plan failed: %s", res)
}

// AttachedProvider is a provider process started here rather than by Terraform, and handed to Terraform
// through TF_REATTACH_PROVIDERS, so that its processor time can be told apart from Terraform's.
type AttachedProvider struct {
	cmd    *exec.Cmd
	exited chan struct{}
	// Env is the TF_REATTACH_PROVIDERS=... setting that points terraform at this process.
	Env string
}

// StartAttachedProvider starts the provider built into providerDir in debug mode with extra environment
// variables (NAME=value), and waits until it says where it listens.
func StartAttachedProvider(ctx context.Context, providerDir string, env ...string) (*AttachedProvider, error) {
	const prefix = "TF_REATTACH_PROVIDERS="
	settings := make(chan string, 1)
	cmd := exec.CommandContext(ctx, filepath.Join(providerDir, "terraform-provider-kong"), "-debug")
	cmd.Env = append(os.Environ(), env...)
	cmd.Stdout = &lineWatcher{prefix: prefix, found: settings}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	p := &AttachedProvider{cmd: cmd, exited: make(chan struct{})}
	go func() {
		_ = cmd.Wait()
		close(p.exited)
	}()
	select {
	case setting := <-settings:
		p.Env = prefix + strings.Trim(setting, "'")
		return p, nil
	case <-p.exited:
		return nil, fmt.Errorf("the provider exited without printing %s", prefix)
	}
}

// Usage is what an attached provider process used in all.
type Usage struct {
	CPU     time.Duration // user and system
	PeakRSS int64         // bytes
}

// Stop ends the provider and returns what it used.
func (p *AttachedProvider) Stop() Usage {
	_ = p.cmd.Process.Kill()
	<-p.exited
	u := Usage{CPU: p.cmd.ProcessState.UserTime() + p.cmd.ProcessState.SystemTime()}
	if ru, ok := p.cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		u.PeakRSS = ru.Maxrss * 1024 // Linux reports kilobytes
	}
	return u
}

// lineWatcher is an output sink that sends the rest of the first line starting with prefix to found.
type lineWatcher struct {
	prefix  string
	found   chan<- string
	partial []byte
	sent    bool
}

func (w *lineWatcher) Write(b []byte) (int, error) {
	if w.sent {
		return len(b), nil
	}
	w.partial = append(w.partial, b...)
	for {
		line, rest, complete := bytes.Cut(w.partial, []byte("\n"))
		if !complete {
			return len(b), nil
		}
		w.partial = rest
		if setting, ok := strings.CutPrefix(strings.TrimSpace(string(line)), w.prefix); ok {
			w.found <- setting
			w.sent, w.partial = true, nil
			return len(b), nil
		}
	}
}
