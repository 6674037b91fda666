//! The OpenAPI 3.0 document, written by hand as JSON (no codegen dependency to build). Kept
//! next to the handlers; `tests/server.rs` checks every documented path answers, and
//! `scripts/schemathesis.sh` fuzzes the server against it.

use serde_json::{json, Value};

fn qp(name: &str, description: &str, schema: Value) -> Value {
    json!({"name": name, "in": "query", "required": false, "description": description, "schema": schema})
}

fn date_param(name: &str, what: &str) -> Value {
    qp(
        name,
        what,
        json!({"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "example": "2015-07-21"}),
    )
}

fn errors(codes: &[&str]) -> serde_json::Map<String, Value> {
    let mut m = serde_json::Map::new();
    for c in codes {
        m.insert(
            c.to_string(),
            json!({"description": "error", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}),
        );
    }
    m
}

fn ok(schema: &str, extra: &[&str]) -> Value {
    let mut r = errors(extra);
    r.insert(
        "200".into(),
        json!({"description": "OK", "content": {"application/json": {"schema": {"$ref": format!("#/components/schemas/{schema}")}}}}),
    );
    Value::Object(r)
}

fn event_filters() -> Vec<Value> {
    vec![
        qp(
            "actor",
            "actor id (source side; either side for graph and timeline)",
            json!({"type": "string"}),
        ),
        qp(
            "recipient",
            "actor id on the recipient side",
            json!({"type": "string"}),
        ),
        qp(
            "type",
            "PLOVER event type, case-insensitive",
            json!({"type": "string", "enum": [
            "AGREE","CONSULT","SUPPORT","CONCEDE","COOPERATE","AID","RETREAT","REQUEST","ACCUSE",
            "REJECT","THREATEN","PROTEST","SANCTION","MOBILIZE","COERCE","ASSAULT"]}),
        ),
        qp(
            "quad",
            "PLOVER quad class",
            json!({"type": "string", "enum": [
            "verbal_cooperation","material_cooperation","verbal_conflict","material_conflict"]}),
        ),
        qp(
            "country",
            "country code of either side or of the location",
            json!({"type": "string"}),
        ),
        date_param("from", "first event date, inclusive"),
        date_param("to", "last event date, inclusive"),
        qp(
            "factuality",
            "comma-separated: asserted, negated, future, hypothetical, reported",
            json!({"type": "string", "pattern": "^(asserted|negated|future|hypothetical|reported)(,(asserted|negated|future|hypothetical|reported))*$"}),
        ),
        qp("source", "document source", json!({"type": "string"})),
    ]
}

fn paging(max: u32) -> Vec<Value> {
    vec![
        qp(
            "page",
            "1-based page",
            json!({"type": "integer", "minimum": 1, "maximum": 1000000, "default": 1}),
        ),
        qp(
            "per_page",
            "page size",
            json!({"type": "integer", "minimum": 1, "maximum": max, "default": 20}),
        ),
    ]
}

fn ns() -> Value {
    json!({"type": "string", "nullable": true})
}

pub fn document() -> Value {
    let common = ["400", "429"];
    let mut events_params = event_filters();
    events_params.extend(paging(1000));
    let mut search_params = vec![
        qp(
            "q",
            "query text (Arabic normalised and light-stemmed; empty = all)",
            json!({"type": "string", "maxLength": 1000}),
        ),
        qp("actor", "actor id", json!({"type": "string"})),
        qp(
            "type",
            "PLOVER event type",
            json!({"type": "string", "enum": [
            "AGREE","CONSULT","SUPPORT","CONCEDE","COOPERATE","AID","RETREAT","REQUEST","ACCUSE",
            "REJECT","THREATEN","PROTEST","SANCTION","MOBILIZE","COERCE","ASSAULT"]}),
        ),
        date_param("from", "first publication date, inclusive"),
        date_param("to", "last publication date, inclusive"),
        qp("source", "document source", json!({"type": "string"})),
    ];
    search_params.extend(paging(100));
    let mut graph_params = event_filters();
    graph_params.push(qp(
        "max_nodes",
        "most active actors kept",
        json!({"type": "integer", "minimum": 1, "maximum": 5000, "default": 200}),
    ));
    let mut timeline_params = event_filters();
    timeline_params.push(qp(
        "interval",
        "bucket size",
        json!({"type": "string", "enum": ["day", "month"], "default": "day"}),
    ));
    let id_param = |what: &str| json!({"name": "id", "in": "path", "required": true, "description": what, "schema": {"type": "string"}});
    let mut post_responses = errors(&["400", "401", "403", "413", "429"]);
    post_responses.insert("201".into(), json!({"description": "at least one document stored", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/IngestReport"}}}}));
    post_responses.insert("200".into(), json!({"description": "nothing new: every document was already stored (same id or same content; the id then resolves to the original)", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/IngestReport"}}}}));
    json!({
        "openapi": "3.0.3",
        "info": {
            "title": "mirsad API",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Arabic news analysis store: full-text search, events (PLOVER), actors, networks. Read-only unless started with an ingest token. Statistics, graphs and timelines count only asserted/reported events of non-duplicate documents."
        },
        "servers": [{"url": "/"}],
        "paths": {
            "/api/health": {"get": {"summary": "liveness and document counts", "operationId": "health", "responses": ok("Health", &["429"])}},
            "/api/search": {"get": {"summary": "BM25 full-text search with snippets and facets", "operationId": "search",
                "parameters": search_params, "responses": ok("SearchResults", &common)}},
            "/api/documents": {"post": {"summary": "store already-analysed documents (needs the bearer token)", "operationId": "postDocuments",
                "security": [{"bearer": []}],
                "requestBody": {"required": true, "content": {"application/json": {"schema": {"oneOf": [
                    {"$ref": "#/components/schemas/Document"},
                    {"type": "array", "items": {"$ref": "#/components/schemas/Document"}}]}}}},
                "responses": post_responses}},
            "/api/documents/{id}": {"get": {"summary": "the full analysis of one document", "operationId": "getDocument",
                "parameters": [id_param("document id")], "responses": ok("Document", &["400", "404", "429"])}},
            "/api/events": {"get": {"summary": "events, newest first", "operationId": "events",
                "parameters": events_params, "responses": ok("EventPage", &common)}},
            "/api/actors/{id}": {"get": {"summary": "actor profile: roles, events per month, top partners", "operationId": "getActor",
                "parameters": [id_param("actor id")], "responses": ok("ActorProfile", &["400", "404", "429"])}},
            "/api/graph": {"get": {"summary": "actor network (cooperation/conflict weights)", "operationId": "graph",
                "parameters": graph_params, "responses": ok("Graph", &common)}},
            "/api/timeline": {"get": {"summary": "counted events per day or month by quad", "operationId": "timeline",
                "parameters": timeline_params, "responses": ok("Timeline", &common)}},
            "/api/stats": {"get": {"summary": "store-wide statistics", "operationId": "stats", "responses": ok("Stats", &["429"])}},
            "/api/openapi.json": {"get": {"summary": "this document", "operationId": "openapi",
                "responses": {"200": {"description": "OpenAPI 3 document", "content": {"application/json": {"schema": {"type": "object"}}}}}}}
        },
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "schemas": {
                "Error": {"type": "object", "required": ["error"], "properties": {"error": {
                    "type": "object", "required": ["status", "code", "message"], "properties": {
                        "status": {"type": "integer"}, "code": {"type": "string"}, "message": {"type": "string"}}}}},
                "Health": {"type": "object", "required": ["status", "documents", "indexed"], "properties": {
                    "status": {"type": "string"}, "documents": {"type": "integer"}, "indexed": {"type": "integer"}, "read_only": {"type": "boolean"}}},
                "FacetCount": {"type": "object", "required": ["key", "count"], "properties": {
                    "key": {"type": "string"}, "label": {"type": "string"}, "count": {"type": "integer"}}},
                "SearchResults": {"type": "object", "required": ["query", "total", "page", "per_page", "hits", "facets"], "properties": {
                    "query": {"type": "string"}, "total": {"type": "integer"}, "page": {"type": "integer"}, "per_page": {"type": "integer"},
                    "hits": {"type": "array", "items": {"type": "object", "required": ["id", "score", "snippet"], "properties": {
                        "id": {"type": "string"}, "title": ns(), "url": ns(), "source": ns(),
                        "published": ns(), "near_dup_of": ns(), "score": {"type": "number"},
                        "snippet": {"type": "string", "description": "HTML-escaped excerpt, matches in <mark>"}}}},
                    "facets": {"type": "object", "required": ["actors", "types", "sources", "months"], "properties": {
                        "actors": {"type": "array", "items": {"$ref": "#/components/schemas/FacetCount"}},
                        "types": {"type": "array", "items": {"$ref": "#/components/schemas/FacetCount"}},
                        "sources": {"type": "array", "items": {"$ref": "#/components/schemas/FacetCount"}},
                        "months": {"type": "array", "items": {"$ref": "#/components/schemas/FacetCount"}}}}}},
                "Document": {"type": "object", "required": ["id", "text", "language"],
                    "description": "an analysed document (shared/schema/analysis.schema.json); layers not listed here are accepted as the schema defines them",
                    "properties": {"id": {"type": "string", "minLength": 1, "pattern": "\\S"}, "text": {"type": "string"}, "language": {"type": "string"},
                        "title": ns(), "url": ns(), "source": ns(), "published": ns(),
                        "warnings": {"type": "array", "items": {"type": "string"}},
                        "sentences": {"type": "array", "items": {"$ref": "#/components/schemas/Span"}},
                        "events": {"type": "array", "items": {"$ref": "#/components/schemas/AnalysisEvent"}},
                        "actors": {"type": "array", "items": {"$ref": "#/components/schemas/AnalysisActor"}}}},
                "Span": {"type": "object", "required": ["start", "end"], "properties": {
                    "start": {"type": "integer", "minimum": 0, "maximum": 18446744073709551615u64},
                    "end": {"type": "integer", "minimum": 0, "maximum": 18446744073709551615u64},
                    "text": ns()}},
                "ActorRef": {"type": "object", "required": ["id", "name"], "properties": {
                    "id": {"type": "string"}, "name": {"type": "string"}, "country": ns(), "kind": ns()}},
                "AnalysisActor": {"type": "object", "required": ["id", "name", "kind"], "properties": {
                    "id": {"type": "string"}, "name": {"type": "string"}, "name_ar": ns(),
                    "kind": {"type": "string", "enum": ["person", "state", "organization", "armed_group", "igo", "opposition", "ethnic_group", "location", "other"]},
                    "country": ns(), "sector": ns(), "role": ns(), "wikidata": ns(), "in_kb": {"type": "boolean", "nullable": true},
                    "mentions": {"type": "integer", "minimum": 0, "maximum": 4294967295u64, "nullable": true}}},
                "AnalysisEvent": {"type": "object", "required": ["type", "actor", "recipient", "factuality", "trigger", "evidence", "confidence"], "properties": {
                    "id": ns(),
                    "type": {"type": "string", "enum": ["AGREE","CONSULT","SUPPORT","CONCEDE","COOPERATE","AID","RETREAT","REQUEST","ACCUSE",
                        "REJECT","THREATEN","PROTEST","SANCTION","MOBILIZE","COERCE","ASSAULT"]},
                    "mode": ns(), "cameo": ns(),
                    "quad": {"type": "string", "nullable": true, "enum": ["verbal_cooperation","material_cooperation","verbal_conflict","material_conflict", null]},
                    "actor": {"type": "array", "items": {"$ref": "#/components/schemas/ActorRef"}},
                    "recipient": {"type": "array", "items": {"$ref": "#/components/schemas/ActorRef"}},
                    "date": ns(), "date_source": {"type": "string", "nullable": true, "enum": ["timex", "published", "unknown", null]},
                    "location": {"type": "object", "nullable": true, "required": ["name"], "properties": {"name": {"type": "string"}, "country": ns(),
                        "lat": {"type": "number", "nullable": true}, "lon": {"type": "number", "nullable": true}}},
                    "factuality": {"type": "string", "enum": ["asserted", "negated", "future", "hypothetical", "reported"]},
                    "historical": {"type": "boolean", "nullable": true},
                    "trigger": {"$ref": "#/components/schemas/Span"}, "evidence": {"$ref": "#/components/schemas/Span"},
                    "confidence": {"type": "number", "minimum": 0, "maximum": 1}, "cluster": ns()}},
                "IngestReport": {"type": "object", "required": ["added", "duplicates", "near_duplicates", "events", "batches"], "properties": {
                    "added": {"type": "integer"}, "duplicates": {"type": "integer"}, "near_duplicates": {"type": "integer"},
                    "events": {"type": "integer"}, "batches": {"type": "integer"}}},
                "ActorSide": {"type": "object", "required": ["id", "name"], "properties": {
                    "id": {"type": "string"}, "name": {"type": "string"}, "country": {"type": "string"}, "sector": {"type": "string"}}},
                "Event": {"type": "object", "required": ["id", "type", "quad", "factuality", "actors", "recipients", "trigger", "evidence", "doc_id", "mentions"], "properties": {
                    "id": {"type": "string"}, "type": {"type": "string"}, "quad": {"type": "string"}, "factuality": {"type": "string"},
                    "date": ns(), "actors": {"type": "array", "items": {"$ref": "#/components/schemas/ActorSide"}},
                    "recipients": {"type": "array", "items": {"$ref": "#/components/schemas/ActorSide"}},
                    "trigger": {"type": "object"}, "evidence": {"type": "object"}, "doc_id": {"type": "string"},
                    "cluster": ns(), "mentions": {"type": "integer"}, "counted": {"type": "boolean"}}},
                "EventPage": {"type": "object", "required": ["total", "page", "per_page", "items"], "properties": {
                    "total": {"type": "integer"}, "page": {"type": "integer"}, "per_page": {"type": "integer"},
                    "items": {"type": "array", "items": {"$ref": "#/components/schemas/Event"}}}},
                "ActorProfile": {"type": "object", "required": ["id", "name", "documents", "as_actor", "as_recipient", "events_per_month", "top_partners"], "properties": {
                    "id": {"type": "string"}, "name": {"type": "string"}, "role": ns(), "kind": ns(), "country": ns(),
                    "documents": {"type": "integer"}, "as_actor": {"type": "integer"}, "as_recipient": {"type": "integer"},
                    "events_per_month": {"type": "object", "additionalProperties": {"type": "integer"}},
                    "top_partners": {"type": "array", "items": {"type": "object", "required": ["id", "events", "cooperation", "conflict"], "properties": {
                        "id": {"type": "string"}, "name": {"type": "string"}, "events": {"type": "integer"},
                        "cooperation": {"type": "integer"}, "conflict": {"type": "integer"}}}}}},
                "Graph": {"type": "object", "required": ["nodes", "edges"], "properties": {
                    "nodes": {"type": "array", "items": {"type": "object", "required": ["id", "name", "events"], "properties": {
                        "id": {"type": "string"}, "name": {"type": "string"}, "country": ns(), "kind": ns(), "events": {"type": "integer"}}}},
                    "edges": {"type": "array", "items": {"type": "object", "required": ["source", "target", "events", "cooperation", "conflict"], "properties": {
                        "source": {"type": "string"}, "target": {"type": "string"}, "events": {"type": "integer"},
                        "cooperation": {"type": "integer"}, "conflict": {"type": "integer"}}}}}},
                "Timeline": {"type": "object", "required": ["interval", "buckets"], "properties": {
                    "interval": {"type": "string", "enum": ["day", "month"]},
                    "buckets": {"type": "array", "items": {"type": "object", "required": ["period", "events"], "properties": {
                        "period": {"type": "string"}, "events": {"type": "integer"},
                        "verbal_cooperation": {"type": "integer"}, "material_cooperation": {"type": "integer"},
                        "verbal_conflict": {"type": "integer"}, "material_conflict": {"type": "integer"}}}}}},
                "Stats": {"type": "object", "required": ["documents", "events", "counted_events"], "properties": {
                    "documents": {"type": "integer"}, "near_duplicates": {"type": "integer"}, "events": {"type": "integer"},
                    "counted_events": {"type": "integer"}, "actors": {"type": "integer"}, "clusters": {"type": "integer"},
                    "first_date": ns(), "last_date": ns(), "schema_version": {"type": "integer"},
                    "by_type": {"type": "object", "additionalProperties": {"type": "integer"}},
                    "by_quad": {"type": "object", "additionalProperties": {"type": "integer"}},
                    "by_source": {"type": "object", "additionalProperties": {"type": "integer"}}}}
            }
        }
    })
}
