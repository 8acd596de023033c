package dev.amortizer.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Brings a manifest of an earlier format to the current field meanings before it is bound to {@link ModelManifest},
 * so that the domain records need no defaults for fields older files lack: format 1 recorded neither the estimator
 * nor the support handling in its config (it was always the MDN with truncation), and files before format 5 may lack
 * the flow's {@code members} (always one flow then).
 */
final class ManifestUpgrade {
    private ManifestUpgrade() {
    }

    /** Fills in, in place, what a format-{@code version} manifest left implicit; a current one is left as it is. */
    static void toCurrent(ObjectNode manifest, int version) {
        if (version >= ModelFile.FORMAT_VERSION || !(manifest.get("config") instanceof ObjectNode config)) {
            return;
        }
        if (version < 2) {
            fillIfAbsent(config, "estimator", "MDN");
            fillIfAbsent(config, "support", "TRUNCATION");
        }
        if (version < 5 && config.get("flow") instanceof ObjectNode flow) {
            JsonNode members = flow.get("members");
            if (members == null || members.isNull() || (members.isNumber() && members.asInt() == 0)) {
                flow.put("members", 1);
            }
        }
    }

    private static void fillIfAbsent(ObjectNode node, String field, String value) {
        if (node.get(field) == null || node.get(field).isNull()) {
            node.put(field, value);
        }
    }
}
