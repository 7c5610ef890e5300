package dev.mooring.samples.yelb.appserver;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The app server's routes and the exact bytes they answer (sample-app.md §11.2). Bodies are built the way upstream
 * builds them, by concatenating strings (note the spacing, and the bare hostname of {@code /api/hostname}), not by
 * a JSON serializer: clients and load-balancer health checks see the same bytes as from the Ruby image.
 */
final class YelbApi {
    static final String JSON = "application/json";
    // Sinatra's default and the type of its error pages: text/* gets a charset
    static final String HTML = "text/html;charset=utf-8";
    static final String NOT_FOUND_BODY = "<h1>Not Found</h1>";
    static final String SERVER_ERROR_BODY = "<h1>Internal Server Error</h1>";

    private final String hostname;
    private final Votes votes;
    private final PageViews pageViews;
    private final ErrorLog errorLog;

    /** Where a failed backend call is reported: the container log, as Sinatra's dump_errors does. */
    @FunctionalInterface
    interface ErrorLog {
        void failed(String method, String path, Exception cause);
    }

    YelbApi(String hostname, Votes votes, PageViews pageViews, ErrorLog errorLog) {
        this.hostname = hostname;
        this.votes = votes;
        this.pageViews = pageViews;
        this.errorLog = errorLog;
    }

    /**
     * @param path the request path without the query string, as Sinatra routes it
     */
    ApiResponse handle(String method, String path) {
        if (method.equals("OPTIONS")) {
            return options();
        }
        // Sinatra's get routes answer HEAD too; every other method has no route here
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return notFound();
        }
        return switch (path) {
            case "/api/pageviews" -> answer(method, path, JSON, pageViews::increment);
            case "/api/hostname" -> answer(method, path, JSON, () -> hostname);
            case "/api/getstats" -> answer(method, path, JSON,
                    () -> "{\"hostname\": \"" + hostname + "\", \"pageviews\":" + pageViews.increment() + "}");
            case "/api/getvotes" -> answer(method, path, JSON, this::getVotes);
            case "/api/ihop" -> vote(method, path, Restaurant.IHOP);
            case "/api/chipotle" -> vote(method, path, Restaurant.CHIPOTLE);
            case "/api/outback" -> vote(method, path, Restaurant.OUTBACK);
            case "/api/bucadibeppo" -> vote(method, path, Restaurant.BUCADIBEPPO);
            default -> notFound();
        };
    }

    // upstream reads in this order (one connection each; one for all four here, see Votes) and renders in another
    // (with "}, {" before chipotle only)
    private String getVotes() throws Exception {
        List<String> counts = votes.counts(List.of(Restaurant.OUTBACK, Restaurant.IHOP, Restaurant.BUCADIBEPPO,
                Restaurant.CHIPOTLE));
        String outback = counts.get(0);
        String ihop = counts.get(1);
        String bucadibeppo = counts.get(2);
        String chipotle = counts.get(3);
        return "[{\"name\": \"outback\", \"value\": " + outback + "},"
                + "{\"name\": \"bucadibeppo\", \"value\": " + bucadibeppo + "},"
                + "{\"name\": \"ihop\", \"value\": " + ihop + "}, "
                + "{\"name\": \"chipotle\", \"value\": " + chipotle + "}]";
    }

    // the vote routes set no content type, so Sinatra's default applies
    private ApiResponse vote(String method, String path, Restaurant restaurant) {
        return answer(method, path, HTML, () -> votes.vote(restaurant));
    }

    private ApiResponse answer(String method, String path, String contentType, Callable<String> body) {
        Map<String, String> headers = cors();
        try {
            String text = body.call();
            headers.put("Content-Type", contentType);
            return ApiResponse.of(200, headers, text);
        } catch (Exception e) {
            errorLog.failed(method, path, e);
            return serverError(headers);
        }
    }

    private static Map<String, String> cors() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Access-Control-Allow-Origin", "*");
        headers.put("Access-Control-Allow-Headers", "Authorization,Accepts,Content-Type,X-CSRF-Token,X-Requested-With");
        headers.put("Access-Control-Allow-Methods", "GET,POST,PUT,DELETE,OPTIONS");
        return headers;
    }

    /**
     * Upstream's {@code options "*"} sets two headers, then halts with {@code HTTP_STATUS_OK}, a constant defined
     * nowhere: the NameError makes every OPTIONS request a 500 carrying those headers. Kept, for fidelity.
     */
    private static ApiResponse options() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Allow", "HEAD,GET,PUT,DELETE,OPTIONS");
        headers.put("Access-Control-Allow-Headers",
                "X-Requested-With, X-HTTP-Method-Override, Content-Type, Cache-Control, Accept");
        return serverError(headers);
    }

    // Sinatra's production error handler: a 500 with its HTML body, the headers set so far kept
    private static ApiResponse serverError(Map<String, String> headers) {
        headers.put("Content-Type", HTML);
        return ApiResponse.of(500, headers, SERVER_ERROR_BODY);
    }

    private static ApiResponse notFound() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", HTML);
        headers.put("X-Cascade", "pass");
        return ApiResponse.of(404, headers, NOT_FOUND_BODY);
    }
}
