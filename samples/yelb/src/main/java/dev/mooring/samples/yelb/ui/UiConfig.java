package dev.mooring.samples.yelb.ui;

import java.net.URI;
import java.util.Map;

/**
 * Where the UI listens and where its {@code /api} proxy goes.
 *
 * @param port          80 as nginx in the image; {@code UI_PORT} overrides it (a Mooring addition, for running by hand
 *                      without the privilege to bind port 80)
 * @param appServerHost a name resolved once, at start (sample-app.md §11.1)
 */
public record UiConfig(int port, String appServerHost, int appServerPort) {
    public UiConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("UI_PORT must be a TCP port (0-65535), got " + port);
        }
        if (appServerHost == null || appServerHost.isBlank()) {
            throw new IllegalArgumentException("the app server's host name is empty");
        }
        if (appServerPort < 1 || appServerPort > 65535) {
            throw new IllegalArgumentException("APP_SERVER_PORT must be a TCP port (1-65535), got " + appServerPort);
        }
    }

    /**
     * The sample image's {@code APP_SERVER} and {@code APP_SERVER_PORT} (sample-app.md §4.6); else upstream's
     * {@code YELB_APPSERVER_ENDPOINT}, a URL defaulting to {@code http://yelb-appserver:4567} (§11.1).
     */
    public static UiConfig fromEnvironment(Map<String, String> env) {
        int port = intVar(env, "UI_PORT", 80);
        String host = env.get("APP_SERVER");
        if (host != null && !host.isBlank()) {
            return new UiConfig(port, host.strip(), intVar(env, "APP_SERVER_PORT", 4567));
        }
        String endpoint = env.getOrDefault("YELB_APPSERVER_ENDPOINT", "http://yelb-appserver:4567");
        URI uri;
        try {
            uri = URI.create(endpoint.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("YELB_APPSERVER_ENDPOINT is not a URL: '" + endpoint + "'");
        }
        if (!"http".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("YELB_APPSERVER_ENDPOINT must look like http://host:port, got '"
                    + endpoint + "'");
        }
        return new UiConfig(port, uri.getHost(), uri.getPort() < 0 ? 80 : uri.getPort());
    }

    private static int intVar(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, got '" + value + "'");
        }
    }
}
