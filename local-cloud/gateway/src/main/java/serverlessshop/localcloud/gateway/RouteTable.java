package serverlessshop.localcloud.gateway;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Route selection of an API Gateway HTTP API: a request matches a route when the method matches (or
 * the route's method is {@code ANY}) and the path matches the template segment by segment, where
 * {@code {name}} takes exactly one non-empty segment and a final {@code {name+}} the rest. When
 * several routes match, the most specific wins: at the first segment where they differ a literal
 * beats a variable, which beats a greedy variable; then a named method beats {@code ANY}.
 */
public final class RouteTable {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record RoutesFile(List<Route> routes) {}

    private record Template(Route route, List<Segment> segments) {}

    /** Kinds in order of specificity: the enum order is the priority order. */
    private enum Kind {
        GREEDY,
        VARIABLE,
        LITERAL
    }

    private record Segment(Kind kind, String text) {}

    private final List<Template> templates;
    private final Set<String> apiPrefixes;

    public RouteTable(List<Route> routes) {
        this.templates = routes.stream()
                .map(route -> new Template(route, parse(route.path())))
                .toList();
        Set<String> prefixes = new LinkedHashSet<>();
        for (Template template : templates) {
            Segment first =
                    template.segments().isEmpty() ? null : template.segments().getFirst();
            if (first != null && first.kind() == Kind.LITERAL) {
                prefixes.add(first.text());
            }
        }
        this.apiPrefixes = Set.copyOf(prefixes);
    }

    public static RouteTable load(Path routesJson) throws IOException {
        return new RouteTable(new ObjectMapper()
                .readValue(routesJson.toFile(), RoutesFile.class)
                .routes());
    }

    public List<Route> routes() {
        return templates.stream().map(Template::route).toList();
    }

    /**
     * Whether a path belongs to the API at all (its first segment is one the routes start with):
     * in AWS, CloudFront sends these paths to API Gateway and everything else to the site.
     */
    public boolean isApiPath(String rawPath) {
        List<String> segments = split(rawPath);
        return segments != null && !segments.isEmpty() && apiPrefixes.contains(segments.getFirst());
    }

    public Optional<RouteMatch> match(String method, String rawPath) {
        List<String> segments = split(rawPath);
        if (segments == null) {
            return Optional.empty();
        }
        return templates.stream()
                .filter(t -> t.route().method().equalsIgnoreCase(method)
                        || t.route().method().equals("ANY"))
                .map(t -> new Candidate(t, bind(t.segments(), segments)))
                .filter(c -> c.parameters() != null)
                .max(Comparator.comparing(Candidate::template, RouteTable::bySpecificity))
                .map(c -> new RouteMatch(c.template().route(), c.parameters()));
    }

    private record Candidate(Template template, Map<String, String> parameters) {}

    private static int bySpecificity(Template a, Template b) {
        int common = Math.min(a.segments().size(), b.segments().size());
        for (int i = 0; i < common; i++) {
            int byKind =
                    a.segments().get(i).kind().compareTo(b.segments().get(i).kind());
            if (byKind != 0) {
                return byKind;
            }
        }
        int bySize = Integer.compare(a.segments().size(), b.segments().size());
        if (bySize != 0) {
            return bySize;
        }
        return Boolean.compare(
                !a.route().method().equals("ANY"), !b.route().method().equals("ANY"));
    }

    /** The path parameters when the path fits the template, else null. */
    private static Map<String, String> bind(List<Segment> template, List<String> path) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < template.size(); i++) {
            Segment segment = template.get(i);
            if (segment.kind() == Kind.GREEDY) {
                if (i >= path.size()) {
                    return null;
                }
                parameters.put(segment.text(), decode(String.join("/", path.subList(i, path.size()))));
                return parameters;
            }
            if (i >= path.size() || path.get(i).isEmpty()) {
                return null;
            }
            if (segment.kind() == Kind.LITERAL && !segment.text().equals(path.get(i))) {
                return null;
            }
            if (segment.kind() == Kind.VARIABLE) {
                parameters.put(segment.text(), decode(path.get(i)));
            }
        }
        return template.size() == path.size() ? parameters : null;
    }

    private static List<Segment> parse(String path) {
        List<Segment> segments = new ArrayList<>();
        for (String part : split(path)) {
            if (part.startsWith("{") && part.endsWith("+}")) {
                segments.add(new Segment(Kind.GREEDY, part.substring(1, part.length() - 2)));
            } else if (part.startsWith("{") && part.endsWith("}")) {
                segments.add(new Segment(Kind.VARIABLE, part.substring(1, part.length() - 1)));
            } else {
                segments.add(new Segment(Kind.LITERAL, part));
            }
        }
        return segments;
    }

    /** "/a/b" as [a, b]; "/" as []; a trailing slash keeps an empty last segment, which nothing matches. */
    private static List<String> split(String path) {
        if (path == null || !path.startsWith("/")) {
            return null;
        }
        return path.length() == 1 ? List.of() : List.of(path.substring(1).split("/", -1));
    }

    private static String decode(String raw) {
        // Percent-decoding only: '+' is a plus sign in a path, not a space.
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
