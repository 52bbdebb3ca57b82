package serverlessshop.apicompat;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.ComposedSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.openapitools.openapidiff.core.model.Changed;
import org.openapitools.openapidiff.core.model.ChangedApiResponse;
import org.openapitools.openapidiff.core.model.ChangedContent;
import org.openapitools.openapidiff.core.model.ChangedHeaders;
import org.openapitools.openapidiff.core.model.ChangedList;
import org.openapitools.openapidiff.core.model.ChangedOpenApi;
import org.openapitools.openapidiff.core.model.ChangedOperation;
import org.openapitools.openapidiff.core.model.ChangedParameter;
import org.openapitools.openapidiff.core.model.ChangedParameters;
import org.openapitools.openapidiff.core.model.ChangedRequestBody;
import org.openapitools.openapidiff.core.model.ChangedSchema;
import org.openapitools.openapidiff.core.model.ChangedSecurityRequirements;
import org.openapitools.openapidiff.core.model.ComposedChanged;
import org.openapitools.openapidiff.core.model.DiffResult;
import org.openapitools.openapidiff.core.model.Endpoint;
import org.openapitools.openapidiff.core.model.schema.ChangedEnum;
import org.openapitools.openapidiff.core.model.schema.ChangedRequired;

/**
 * Names every change openapi-diff judges incompatible, one line each: the operation, where in it
 * (parameter, request body, response status, media type, field) and what changed. openapi-diff's own
 * renderers list all changes without saying which one broke compatibility; a failing gate must.
 */
final class BreakingChanges {

    private final Set<String> found = new LinkedHashSet<>();
    // openapi-diff shares one node between the places a schema is used, and schemas may refer to
    // themselves: a node is skipped only when it is already being walked (a cycle), so a shared schema
    // is named at every place it breaks.
    private final Set<Changed> walking = Collections.newSetFromMap(new IdentityHashMap<>());
    /** Incompatible changes let through on purpose: the security of an internal operation. */
    private boolean excused;

    /**
     * The extension that marks an operation internal (api-routes' RoutesGenerator gives it no route):
     * its only callers are the shop's own functions, built from this very contract, never a client of
     * a released version, so how it is secured may change in any release.
     */
    static final String INTERNAL = "x-shop-internal";

    private BreakingChanges() {}

    static List<String> of(ChangedOpenApi diff) {
        BreakingChanges walk = new BreakingChanges();
        if (diff.isCoreChanged().isIncompatible()) {
            for (Endpoint removed : diff.getMissingEndpoints()) {
                walk.found.add(removed.getMethod() + " " + removed.getPathUrl() + ": operation removed");
            }
        }
        for (ChangedOperation operation : diff.getChangedOperations()) {
            walk.visit(operation, operation.getHttpMethod() + " " + operation.getPathUrl());
        }
        if (walk.found.isEmpty() && diff.isIncompatible() && !walk.excused) {
            // A kind of change this walk does not name yet: still breaking, and the changelog shows it.
            walk.found.add("an incompatible change (see the changelog)");
        }
        return List.copyOf(walk.found);
    }

    private void visit(Changed node, String where) {
        if (node == null || !node.isIncompatible() || !walking.add(node)) {
            return;
        }
        try {
            if (node instanceof ChangedSchema schema) {
                visitSchema(schema, where, "");
            } else {
                visitOther(node, where);
            }
        } finally {
            walking.remove(node);
        }
    }

    private void visitOther(Changed node, String where) {
        DiffResult core = node instanceof ComposedChanged composed ? composed.isCoreChanged() : node.isChanged();
        if (core.isIncompatible()) {
            found.add(where + ": " + describe(node));
        }
        switch (node) {
            case ChangedOperation op -> {
                visit(op.getParameters(), where);
                visit(op.getRequestBody(), where + " request body");
                visit(op.getApiResponses(), where);
                if (isInternal(op.getNewOperation())
                        && op.getSecurityRequirements() != null
                        && op.getSecurityRequirements().isIncompatible()) {
                    excused = true;
                } else {
                    visit(op.getSecurityRequirements(), where + " security");
                }
            }
            case ChangedParameters params ->
                params.getChanged()
                        .forEach(p -> visit(p, where + " parameter " + p.getName() + " (in " + p.getIn() + ")"));
            case ChangedApiResponse responses ->
                responses.getChanged().forEach((status, response) -> visit(response, where + " response " + status));
            case ChangedContent content ->
                content.getChanged().forEach((mediaType, changed) -> visit(changed, where + " " + mediaType));
            case ChangedHeaders headers ->
                headers.getChanged().forEach((name, header) -> visit(header, where + " header " + name));
            case ComposedChanged composed -> composed.getChangedElements().forEach(child -> visit(child, where));
            default -> {}
        }
    }

    private static boolean isInternal(Operation operation) {
        return operation != null
                && operation.getExtensions() != null
                && Boolean.TRUE.equals(operation.getExtensions().get(INTERNAL));
    }

    private void visitSchema(ChangedSchema schema, String where, String field) {
        String at = field.isEmpty() ? where : where + " field " + field;
        if (schema.isCoreChanged().isIncompatible()) {
            found.add(at + ": " + describeSchema(schema));
        }
        schema.getChangedProperties()
                .forEach((name, property) -> visitNested(property, where, field.isEmpty() ? name : field + "." + name));
        visitNested(schema.getItems(), where, field + "[]");
        visitNested(schema.getAddProp(), where, field + "{}");
        for (Changed leaf : schema.getChangedElements()) {
            if (leaf != null && !(leaf instanceof ChangedSchema) && leaf.isIncompatible()) {
                if (leaf instanceof ComposedChanged) {
                    visit(leaf, at);
                } else if (!(leaf instanceof ChangedRequired required && onlyRemovedFields(required, schema))) {
                    found.add(at + ": " + describe(leaf));
                }
            }
        }
    }

    /** A response field that is gone is named once, as removed, not also as no longer required. */
    private static boolean onlyRemovedFields(ChangedRequired required, ChangedSchema schema) {
        return required.getContext().isResponse()
                && schema.getMissingProperties().keySet().containsAll(required.getMissing());
    }

    private void visitNested(ChangedSchema schema, String where, String field) {
        if (schema == null || !schema.isIncompatible() || !walking.add(schema)) {
            return;
        }
        try {
            visitSchema(schema, where, field);
        } finally {
            walking.remove(schema);
        }
    }

    private static String describeSchema(ChangedSchema schema) {
        if (schema.isChangedType()) {
            return "type changed from " + type(schema.getOldSchema()) + " to " + type(schema.getNewSchema());
        }
        if (schema.isDiscriminatorPropertyChanged()) {
            return "discriminator changed";
        }
        List<String> required =
                schema.getOldSchema() == null || schema.getOldSchema().getRequired() == null
                        ? List.of()
                        : schema.getMissingProperties().keySet().stream()
                                .filter(schema.getOldSchema().getRequired()::contains)
                                .toList();
        if (!required.isEmpty()) {
            return "required field removed: " + String.join(", ", required);
        }
        if (schema.getNewSchema() == null) {
            return "schema removed";
        }
        return "schema changed incompatibly";
    }

    private static String describe(Changed node) {
        return switch (node) {
            case ChangedRequired required ->
                required.getContext().isRequest()
                        ? "field now required: " + String.join(", ", required.getIncreased())
                        : "field no longer required: " + String.join(", ", required.getMissing());
            case ChangedEnum<?> values ->
                values.getContext().isRequest()
                        ? "enum value removed: " + values.getMissing()
                        : "enum value added: " + values.getIncreased();
            case ChangedList<?> list ->
                words(node) + " (added " + list.getIncreased() + ", removed " + list.getMissing() + ")";
            case ChangedApiResponse responses ->
                "response status removed: "
                        + String.join(", ", responses.getMissing().keySet());
            case ChangedContent content ->
                "media type removed: " + String.join(", ", content.getMissing().keySet());
            case ChangedHeaders headers ->
                "response header removed: "
                        + String.join(", ", headers.getMissing().keySet());
            case ChangedParameters params ->
                params.getMissing().isEmpty()
                        ? "new required parameter: "
                                + names(params.getIncreased().stream()
                                        .filter(p -> Boolean.TRUE.equals(p.getRequired()))
                                        .toList())
                        : "parameter removed: " + names(params.getMissing());
            case ChangedParameter param ->
                param.isChangeRequired()
                        ? "parameter now required"
                        : param.isChangeStyle()
                                ? "parameter style changed"
                                : param.isChangeExplode()
                                        ? "parameter explode changed"
                                        : "parameter no longer allows an empty value";
            case ChangedRequestBody ignored -> "request body now required";
            case ChangedSecurityRequirements security -> "security requirement removed: " + security.getMissing();
            default -> words(node) + " changed incompatibly";
        };
    }

    private static String names(List<Parameter> parameters) {
        return String.join(
                ", ",
                parameters.stream()
                        .map(p -> p.getName() + " (in " + p.getIn() + ")")
                        .toList());
    }

    private static String type(Schema<?> schema) {
        if (schema == null) {
            return "none";
        }
        String type = schema.getType() != null
                ? schema.getType()
                : schema instanceof ComposedSchema composed ? composition(composed) : "any";
        return type + (schema.getFormat() == null ? "" : " (" + schema.getFormat() + ")");
    }

    private static String composition(ComposedSchema schema) {
        return schema.getOneOf() != null
                ? "oneOf"
                : schema.getAnyOf() != null ? "anyOf" : schema.getAllOf() != null ? "allOf" : "any";
    }

    /** "ChangedMaxLength" reads "max length". */
    private static String words(Changed node) {
        return node.getClass()
                .getSimpleName()
                .replaceFirst("^Changed", "")
                .replaceAll("([a-z])([A-Z])", "$1 $2")
                .toLowerCase(java.util.Locale.ROOT);
    }
}
