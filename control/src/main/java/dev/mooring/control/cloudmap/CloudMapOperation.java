package dev.mooring.control.cloudmap;

import java.time.Instant;
import java.util.Map;

/**
 * An asynchronous Cloud Map operation as stored. Mooring applies every change before it answers, so operations are
 * recorded already in SUCCESS; the region keeps them as regional as the resources they name.
 */
public record CloudMapOperation(String region, String id, String type, String status, Instant createDate,
                                Instant updateDate, Map<String, String> targets) {

    public static final String CREATE_NAMESPACE = "CREATE_NAMESPACE";
    public static final String DELETE_NAMESPACE = "DELETE_NAMESPACE";
    public static final String UPDATE_NAMESPACE = "UPDATE_NAMESPACE";
    public static final String UPDATE_SERVICE = "UPDATE_SERVICE";
    public static final String REGISTER_INSTANCE = "REGISTER_INSTANCE";
    public static final String DEREGISTER_INSTANCE = "DEREGISTER_INSTANCE";
    public static final String SUCCESS = "SUCCESS";

    public static String key(String region, String id) {
        return region + "|" + id;
    }

    public String key() {
        return key(region, id);
    }
}
