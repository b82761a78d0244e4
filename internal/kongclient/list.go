package kongclient

import (
	"context"
	"encoding/json"
)

// List returns every entity of a top-level collection that matches a Kong tag filter ("a,b" for all of the
// tags, "a/b" for any of them, "" for no filter), as Kong's JSON, in no particular order. It reads pages of
// 1,000, so a gateway of n entities costs ceil(n/1000) requests.
func (c *Client) List(ctx context.Context, collection, tagFilter string) ([]json.RawMessage, error) {
	byID, err := c.listAll(ctx, collection, tagFilter)
	if err != nil {
		return nil, err
	}
	entities := make([]json.RawMessage, 0, len(byID))
	for _, raw := range byID {
		entities = append(entities, raw)
	}
	return entities, nil
}
