package dev.mooring.proxy;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/** What a matched route does with a request. */
public sealed interface RouteAction {
    /** The clusters this action may send a request to (none when the proxy answers itself). */
    default List<String> clusters() {
        return List.of();
    }

    /** To a cluster of the proxy, with its load balancer, retries and outlier detection. */
    record Forward(String cluster) implements RouteAction {
        public Forward {
            Objects.requireNonNull(cluster, "cluster");
        }

        @Override
        public List<String> clusters() {
            return List.of(cluster);
        }
    }

    /**
     * To one of several clusters, each request drawn at random in proportion to the weights (Envoy's weighted
     * clusters; ALB's forward to several target groups). A cluster of weight 0 gets nothing.
     */
    record WeightedForward(List<WeightedCluster> targets) implements RouteAction {
        public WeightedForward {
            targets = List.copyOf(targets);
            if (targets.stream().mapToLong(WeightedCluster::weight).sum() <= 0)
                throw new IllegalArgumentException("a weighted forward needs a cluster with a weight above 0");
        }

        @Override
        public List<String> clusters() {
            return targets.stream().map(WeightedCluster::cluster).toList();
        }

        /** The cluster for one request. */
        public String pick() {
            long total = 0;
            for (WeightedCluster t : targets) total += t.weight();
            long draw = ThreadLocalRandom.current().nextLong(total);
            for (WeightedCluster t : targets) {
                draw -= t.weight();
                if (draw < 0) return t.cluster();
            }
            throw new AssertionError("the draw is below the total of the weights");
        }
    }

    /** One cluster of a {@link WeightedForward} and its share. */
    record WeightedCluster(String cluster, int weight) {
        public WeightedCluster {
            Objects.requireNonNull(cluster, "cluster");
            if (weight < 0) throw new IllegalArgumentException("weight must be 0 or more: " + weight);
        }
    }

    /** Answered by the proxy itself (ALB's fixed-response action): the status, a content type and a body. */
    record DirectResponse(int status, String contentType, String body) implements RouteAction {
        public DirectResponse {
            if (status < 200 || status > 599) throw new IllegalArgumentException("status must be 2xx to 5xx: " + status);
            contentType = contentType == null ? "text/plain; charset=utf-8" : contentType;
            body = body == null ? "" : body;
        }
    }

    /**
     * Answered with a redirect (ALB's redirect action): 301 or 302 to a URL built from the parts, each of which may
     * use the request's {@code #{protocol}}, {@code #{host}}, {@code #{port}}, {@code #{path}} and {@code #{query}}
     * ({@code path} includes its leading slash; {@code query} has no {@code ?}).
     */
    record Redirect(int status, String protocol, String host, String port, String path, String query)
            implements RouteAction {
        public Redirect {
            if (status != 301 && status != 302) throw new IllegalArgumentException("redirect status must be 301 or 302");
            protocol = protocol == null ? "#{protocol}" : protocol;
            host = host == null ? "#{host}" : host;
            port = port == null ? "#{port}" : port;
            path = path == null ? "/#{path}" : path;
            query = query == null ? "#{query}" : query;
        }

        /** The Location for a request, given its parts. */
        public String location(String reqProtocol, String reqHost, String reqPort, String reqPath, String reqQuery) {
            String proto = fill(protocol, reqProtocol, reqHost, reqPort, reqPath, reqQuery).toLowerCase();
            String h = fill(host, reqProtocol, reqHost, reqPort, reqPath, reqQuery);
            String p = fill(port, reqProtocol, reqHost, reqPort, reqPath, reqQuery);
            String pa = fill(path, reqProtocol, reqHost, reqPort, reqPath, reqQuery);
            String q = fill(query, reqProtocol, reqHost, reqPort, reqPath, reqQuery);
            boolean defaultPort = ("http".equals(proto) && "80".equals(p)) || ("https".equals(proto) && "443".equals(p));
            return proto + "://" + h + (defaultPort || p.isEmpty() ? "" : ":" + p) + (pa.startsWith("/") ? pa : "/" + pa)
                    + (q.isEmpty() ? "" : "?" + q);
        }

        // #{path} is the request path without its leading slash, as ALB substitutes it after its own "/"
        private static String fill(String template, String protocol, String host, String port, String path, String query) {
            return template.replace("#{protocol}", protocol).replace("#{host}", host).replace("#{port}", port)
                    .replace("#{path}", path.startsWith("/") ? path.substring(1) : path).replace("#{query}", query);
        }
    }
}
