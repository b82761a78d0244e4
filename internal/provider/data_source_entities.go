package provider

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/kongform/terraform-provider-kong/internal/kongclient"
)

// The listing data sources (kong_services, kong_routes, kong_consumers, kong_plugins) answer "which entities
// carry these tags", typically the provider's default_tags: what one configuration owns on a shared
// gateway. One implementation serves all four; entityKind says what differs between them.

var (
	_ datasource.DataSourceWithConfigure      = (*entitiesDataSource)(nil)
	_ datasource.DataSourceWithValidateConfig = (*entitiesDataSource)(nil)
)

// maxFilterTags is how many tags Kong accepts in one ?tags= filter.
const maxFilterTags = 5

const (
	tagsMatchAll = "all"
	tagsMatchAny = "any"
)

// errMixedTagFilter explains why tags_match = "any" and managed = true cannot go together.
var errMixedTagFilter = errors.New(`tags_match = "any" cannot be combined with managed = true: managed adds the ` +
	`provider's default_tags as tags every entity must carry, and Kong's tag filter is either all of its tags ` +
	`(a,b) or any of them (a/b), never both. Use tags_match = "all", or leave managed unset and list the tags`)

// entityKind is what one listing data source lists and which of Kong's fields it shows for each entity.
type entityKind struct {
	typeName   string // suffix of the data source type, such as "services"
	collection string
	singular   string // "service", for descriptions
	// nameAttr is the field the entities are sorted by and namesAttr lists.
	nameAttr, nameDescription   string
	namesAttr, namesDescription string
	// fields are the further string fields shown in each element of entities.
	fields []listedField
}

// listedField is one string field of a listed entity; a field path such as "service.id" reads a foreign key.
type listedField struct {
	attr, kongPath, description string
}

// entityFields are the fields of every kind's entities, in schema order: id, the name field, then the
// kind's own fields. Tags are separate because they are a set.
func (k entityKind) entityFields() []listedField {
	own := []listedField{
		{attr: "id", kongPath: "id", description: "The " + k.singular + "'s UUID."},
		{attr: k.nameAttr, kongPath: k.nameAttr, description: k.nameDescription},
	}
	return append(own, k.fields...)
}

var (
	serviceKind = entityKind{
		typeName: "services", collection: kongclient.Services, singular: "service",
		nameAttr: "name", nameDescription: "The service's name; null when it has none.",
		namesAttr: "names", namesDescription: "Names of the matching services, sorted; services without a name are left out.",
	}
	routeKind = entityKind{
		typeName: "routes", collection: kongclient.Routes, singular: "route",
		nameAttr: "name", nameDescription: "The route's name; null when it has none.",
		namesAttr: "names", namesDescription: "Names of the matching routes, sorted; routes without a name are left out.",
		fields: []listedField{
			{attr: "service_id", kongPath: "service.id", description: "Id of the service the route forwards to; null when it has none."},
		},
	}
	consumerKind = entityKind{
		typeName: "consumers", collection: kongclient.Consumers, singular: "consumer",
		nameAttr: "username", nameDescription: "The consumer's username; null when it only has a custom_id.",
		namesAttr: "usernames", namesDescription: "Usernames of the matching consumers, sorted; consumers without a username are left out.",
		fields: []listedField{
			{attr: "custom_id", kongPath: "custom_id", description: "The consumer's custom_id; null when it has none."},
		},
	}
	pluginKind = entityKind{
		typeName: "plugins", collection: kongclient.Plugins, singular: "plugin",
		nameAttr: "name", nameDescription: "The plugin's name, such as `key-auth`.",
		namesAttr: "names", namesDescription: "Distinct names of the matching plugins, sorted: which plugins are in use.",
		fields: []listedField{
			{attr: "instance_name", kongPath: "instance_name", description: "The plugin's instance_name; null when it has none."},
			{attr: "service_id", kongPath: "service.id", description: "Id of the service the plugin is scoped to; null when it is not."},
			{attr: "route_id", kongPath: "route.id", description: "Id of the route the plugin is scoped to; null when it is not."},
			{attr: "consumer_id", kongPath: "consumer.id", description: "Id of the consumer the plugin is scoped to; null when it is not."},
		},
	}
)

// NewServicesDataSource is the kong_services data source.
func NewServicesDataSource() datasource.DataSource { return &entitiesDataSource{kind: serviceKind} }

// NewRoutesDataSource is the kong_routes data source.
func NewRoutesDataSource() datasource.DataSource { return &entitiesDataSource{kind: routeKind} }

// NewConsumersDataSource is the kong_consumers data source.
func NewConsumersDataSource() datasource.DataSource { return &entitiesDataSource{kind: consumerKind} }

// NewPluginsDataSource is the kong_plugins data source.
func NewPluginsDataSource() datasource.DataSource { return &entitiesDataSource{kind: pluginKind} }

type entitiesDataSource struct {
	kind entityKind
	data *providerData
}

func (d *entitiesDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_" + d.kind.typeName
}

func (d *entitiesDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	k := d.kind
	entityAttrs := map[string]dschema.Attribute{"tags": computedTags()}
	for _, f := range k.entityFields() {
		entityAttrs[f.attr] = computedString(f.description)
	}
	resp.Schema = dschema.Schema{
		Description: fmt.Sprintf("Lists the Kong %s that carry given tags, for example every %s this configuration owns "+
			"(`managed = true`) or every %s of one API. One listing of pages of 1,000 per read.", k.typeName, k.singular, k.singular),
		Attributes: map[string]dschema.Attribute{
			"tags": dschema.SetAttribute{
				ElementType: types.StringType,
				Optional:    true,
				Validators:  append(tagSetValidators(), setvalidator.SizeAtMost(maxFilterTags)),
				Description: fmt.Sprintf("Tags to filter on (at most %d, together with `default_tags` when `managed` is set). Unset: no tag filter.", maxFilterTags),
			},
			"tags_match": dschema.StringAttribute{
				Optional:    true,
				Validators:  []validator.String{stringvalidator.OneOf(tagsMatchAll, tagsMatchAny)},
				Description: "`all` (default): entities carrying every tag in `tags`. `any`: entities carrying at least one of them. `any` cannot be combined with `managed`, because Kong cannot filter on both at once.",
			},
			"managed": dschema.BoolAttribute{
				Optional:    true,
				Description: "Also require the provider's `default_tags`: only entities this provider configuration owns. Needs `default_tags`.",
			},
			"ids":       computedStringList(fmt.Sprintf("Ids of the matching %s, in the order of `entities`.", k.typeName)),
			k.namesAttr: computedStringList(k.namesDescription),
			"entities": dschema.ListNestedAttribute{
				Computed:    true,
				Description: fmt.Sprintf("The matching %s, sorted by %s and then id so plans stay stable.", k.typeName, k.nameAttr),
				NestedObject: dschema.NestedAttributeObject{
					Attributes: entityAttrs,
				},
			},
		},
	}
}

func (d *entitiesDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

// ValidateConfig reports the tag filter conflict already in `terraform validate`; Read checks it again through
// tagFilter, because values still unknown here are known there.
func (d *entitiesDataSource) ValidateConfig(ctx context.Context, req datasource.ValidateConfigRequest, resp *datasource.ValidateConfigResponse) {
	var managed types.Bool
	var match types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("managed"), &managed)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("tags_match"), &match)...)
	if managed.ValueBool() && match.ValueString() == tagsMatchAny {
		resp.Diagnostics.AddAttributeError(path.Root("tags_match"), "Conflicting tag filter", errMixedTagFilter.Error())
	}
}

func (d *entitiesDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var tags []string
	var managed types.Bool
	var match types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("tags"), &tags)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("managed"), &managed)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("tags_match"), &match)...)
	if resp.Diagnostics.HasError() {
		return
	}
	filter, err := tagFilter(tags, match.ValueString() == tagsMatchAny, managed.ValueBool(), d.data.defaultTags)
	if err != nil {
		resp.Diagnostics.AddError("Invalid tag filter", err.Error())
		return
	}
	raws, err := d.data.client.List(ctx, d.kind.collection, filter)
	if err != nil {
		addKongError(&resp.Diagnostics, "Cannot list Kong "+d.kind.typeName, err)
		return
	}
	entities, err := d.kind.decodeListing(raws)
	if err != nil {
		resp.Diagnostics.AddError("Unexpected answer listing Kong "+d.kind.typeName, err.Error())
		return
	}
	ids, names, objects := d.kind.flatten(entities)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("ids"), ids)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(d.kind.namesAttr), names)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("entities"), objects)...)
}

// tagFilter is Kong's ?tags= expression for a listing: the configured tags, plus the provider's default tags
// when managed, de-duplicated and sorted so the request is the same on every run. "" means no filter.
func tagFilter(tags []string, matchAny, managed bool, defaultTags []string) (string, error) {
	if managed {
		if matchAny {
			return "", errMixedTagFilter
		}
		if len(defaultTags) == 0 {
			return "", errors.New("managed = true lists the entities carrying the provider's default_tags, but the " +
				"provider has none: set default_tags (or KONG_DEFAULT_TAGS), or leave managed unset")
		}
		tags = append(slices.Clone(tags), defaultTags...)
	}
	tags = slices.Compact(slices.Sorted(slices.Values(tags)))
	if len(tags) > maxFilterTags {
		return "", fmt.Errorf("Kong filters on at most %d tags; this filter has %d (%s). Use fewer tags", //nolint:staticcheck // ST1005: Kong is a name
			maxFilterTags, len(tags), strings.Join(tags, ", "))
	}
	separator := ","
	if matchAny {
		separator = "/"
	}
	return strings.Join(tags, separator), nil
}

// listedEntity is one entity of a listing: its string fields by attribute name (nil when Kong has null),
// and its tags.
type listedEntity struct {
	fields map[string]*string
	tags   []string
}

// name is the entity's name field, "" when it has none.
func (e listedEntity) name(k entityKind) string {
	if n := e.fields[k.nameAttr]; n != nil {
		return *n
	}
	return ""
}

// decodeListing reads Kong's JSON for each entity and sorts the entities by name, then id.
func (k entityKind) decodeListing(raws []json.RawMessage) ([]listedEntity, error) {
	entities := make([]listedEntity, 0, len(raws))
	for _, raw := range raws {
		var doc map[string]any
		if err := json.Unmarshal(raw, &doc); err != nil {
			return nil, fmt.Errorf("a %s is not a JSON object: %w", k.singular, err)
		}
		e := listedEntity{fields: map[string]*string{}}
		for _, f := range k.entityFields() {
			e.fields[f.attr] = stringAt(doc, f.kongPath)
		}
		if e.fields["id"] == nil {
			return nil, fmt.Errorf("a %s has no id", k.singular)
		}
		tags, _ := doc["tags"].([]any)
		for _, t := range tags {
			if s, ok := t.(string); ok {
				e.tags = append(e.tags, s)
			}
		}
		entities = append(entities, e)
	}
	slices.SortFunc(entities, func(a, b listedEntity) int {
		return cmp.Or(
			cmp.Compare(a.name(k), b.name(k)),
			cmp.Compare(*a.fields["id"], *b.fields["id"]),
		)
	})
	return entities, nil
}

// stringAt reads the string at a dotted path of a JSON document; nil when any part is missing or null.
func stringAt(doc map[string]any, dotted string) *string {
	var v any = doc
	for _, key := range strings.Split(dotted, ".") {
		obj, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = obj[key]
	}
	s, ok := v.(string)
	if !ok {
		return nil
	}
	return &s
}

// flatten turns sorted entities into the ids, names and entities attributes.
func (k entityKind) flatten(entities []listedEntity) (ids, names, objects types.List) {
	objectType := map[string]attr.Type{"tags": types.SetType{ElemType: types.StringType}}
	for _, f := range k.entityFields() {
		objectType[f.attr] = types.StringType
	}
	idValues := make([]attr.Value, 0, len(entities))
	nameValues := []attr.Value{}
	objectValues := make([]attr.Value, 0, len(entities))
	lastName := ""
	for _, e := range entities {
		idValues = append(idValues, types.StringValue(*e.fields["id"]))
		// Sorted by name, so equal names are neighbours: plugin names are listed once each.
		if name := e.name(k); name != "" && name != lastName {
			nameValues = append(nameValues, types.StringValue(name))
			lastName = name
		}
		values := map[string]attr.Value{"tags": types.SetValueMust(types.StringType, stringValues(e.tags))}
		for attrName, v := range e.fields {
			values[attrName] = types.StringPointerValue(v)
		}
		objectValues = append(objectValues, types.ObjectValueMust(objectType, values))
	}
	return types.ListValueMust(types.StringType, idValues),
		types.ListValueMust(types.StringType, nameValues),
		types.ListValueMust(types.ObjectType{AttrTypes: objectType}, objectValues)
}

func stringValues(in []string) []attr.Value {
	out := make([]attr.Value, len(in))
	for i, s := range in {
		out[i] = types.StringValue(s)
	}
	return out
}
