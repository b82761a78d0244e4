package kongclient

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"

	"github.com/kong/go-kong/kong"
)

// Collections the provider reads through Get. They are the Admin API's top-level collection paths.
const (
	Services  = "services"
	Routes    = "routes"
	Consumers = "consumers"
	Plugins   = "plugins"
	KeyAuths  = "key-auths"
	ACLs      = "acls"
	JWTs      = "jwts"
	Upstreams = "upstreams"

	Certificates   = "certificates"
	CACertificates = "ca_certificates"
	SNIs           = "snis"
)

// listPageSize is the largest page Kong serves.
const listPageSize = 1000

// DefaultBulkReadThreshold is how many single reads of one collection a run makes before it lists the whole
// collection instead. Below it (a state with a handful of routes in a Kong with fifty thousand) single GETs
// are cheaper than a listing; above it one listing of ceil(n/1000) pages answers every remaining read.
const DefaultBulkReadThreshold = 10

// bulkReader answers reads from one listing per collection per run (per provider process), the way decK
// reads a gateway, instead of one GET per resource. Reads stay correct: an id missing from the listing is
// confirmed with a single GET (so a deleted entity is still reported as not found, and one whose ownership
// tag was removed is still found), and any write the provider makes to an entity takes it out of the
// listing, so the next read of it asks Kong again.
type bulkReader struct {
	threshold int    // 0 disables bulk reads
	tags      string // Kong tag filter (AND) that every managed entity carries; "" lists everything

	mu          sync.Mutex
	collections map[string]*collectionListing
	written     map[string]bool // ids written during this run
}

type collectionListing struct {
	singleReads int
	done        chan struct{} // closed once the listing finished (successfully or not)
	entities    map[string]json.RawMessage
	err         error
}

func newBulkReader(threshold int, tags []string) *bulkReader {
	return &bulkReader{
		threshold:   threshold,
		tags:        strings.Join(tags, ","),
		collections: map[string]*collectionListing{},
		written:     map[string]bool{},
	}
}

// Get reads the entity with this id from a collection into out (a go-kong struct). Lookups by name or
// anything else that is not an id always use a single GET.
//
// Numbers in free-form fields (a plugin's config) decode as json.Number, so they keep the exact value Kong
// stored instead of passing through float64.
func (c *Client) Get(ctx context.Context, collection, id string, out any) error {
	raw, ok := c.bulk.lookup(ctx, c, collection, id)
	if !ok {
		if err := c.getOne(ctx, "/"+collection+"/"+url.PathEscape(id), &raw); err != nil {
			return err
		}
	}
	d := json.NewDecoder(bytes.NewReader(raw))
	d.UseNumber()
	return d.Decode(out)
}

func (c *Client) getOne(ctx context.Context, endpoint string, out any) error {
	req, err := c.Kong.NewRequest(http.MethodGet, endpoint, nil, nil)
	if err != nil {
		return err
	}
	_, err = c.Kong.Do(ctx, req, out)
	return err
}

// lookup returns the entity's JSON from the collection's listing when the run has one (or should make one
// now), and false when the caller must make a single GET.
func (b *bulkReader) lookup(ctx context.Context, c *Client, collection, id string) (json.RawMessage, bool) {
	if b.threshold <= 0 || !IsUUID(id) {
		return nil, false
	}
	b.mu.Lock()
	if b.written[strings.ToLower(id)] {
		b.mu.Unlock()
		return nil, false
	}
	l, ok := b.collections[collection]
	if !ok {
		l = &collectionListing{}
		b.collections[collection] = l
	}
	if l.done == nil {
		l.singleReads++
		if l.singleReads <= b.threshold {
			b.mu.Unlock()
			return nil, false
		}
		// This read crosses the threshold: it makes the listing while later readers wait for it.
		l.done = make(chan struct{})
		b.mu.Unlock()
		l.entities, l.err = c.listAll(ctx, collection, b.tags)
		close(l.done)
	} else {
		b.mu.Unlock()
		select {
		case <-l.done:
		case <-ctx.Done():
			return nil, false
		}
	}
	if l.err != nil {
		return nil, false
	}
	raw, ok := l.entities[strings.ToLower(id)]
	return raw, ok
}

// forget drops an entity the provider is writing from this run's listings.
func (b *bulkReader) forget(id string) {
	b.mu.Lock()
	b.written[strings.ToLower(id)] = true
	b.mu.Unlock()
}

// listAll pages through a collection (pages of 1,000), keyed by lower-case id.
func (c *Client) listAll(ctx context.Context, collection, tags string) (map[string]json.RawMessage, error) {
	entities := map[string]json.RawMessage{}
	query := url.Values{"size": {fmt.Sprint(listPageSize)}}
	if tags != "" {
		query.Set("tags", tags)
	}
	endpoint := "/" + collection + "?" + query.Encode()
	for endpoint != "" {
		var page struct {
			Data []json.RawMessage `json:"data"`
			Next *string           `json:"next"`
		}
		if err := c.getOne(ctx, endpoint, &page); err != nil {
			return nil, err
		}
		for _, raw := range page.Data {
			var head struct {
				ID string `json:"id"`
			}
			if err := json.Unmarshal(raw, &head); err != nil {
				return nil, err
			}
			entities[strings.ToLower(head.ID)] = raw
		}
		endpoint = ""
		if page.Next != nil && *page.Next != "" {
			endpoint = strings.TrimPrefix(*page.Next, c.workspacePrefix())
		}
	}
	return entities, nil
}

// workspacePrefix is what Kong puts before collection paths in `next` links for a workspace; go-kong adds
// the workspace itself, so it is stripped.
func (c *Client) workspacePrefix() string {
	if c.workspace == "" {
		return ""
	}
	return "/" + c.workspace
}

// writeTracker tells the bulk reader about every write request, whatever code sent it, so a listing never
// answers for an entity this run has changed.
type writeTracker struct {
	next http.RoundTripper
	bulk *bulkReader
}

func (t *writeTracker) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Method != http.MethodGet && req.Method != http.MethodHead {
		segments := strings.Split(strings.Trim(req.URL.Path, "/"), "/")
		if last := segments[len(segments)-1]; IsUUID(last) {
			t.bulk.forget(last)
		}
	}
	return t.next.RoundTrip(req)
}

func IsUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i, r := range s {
		switch i {
		case 8, 13, 18, 23:
			if r != '-' {
				return false
			}
		default:
			if !strings.ContainsRune("0123456789abcdefABCDEF", r) {
				return false
			}
		}
	}
	return true
}

// IsNotFound reports whether err means the entity does not exist.
func IsNotFound(err error) bool { return kong.IsNotFoundErr(err) }
