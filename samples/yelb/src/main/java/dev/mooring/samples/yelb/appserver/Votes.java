package dev.mooring.samples.yelb.appserver;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.postgresql.Driver;

/**
 * The votes in yelb-db's {@code restaurants} table. Each request opens and closes its own connection, as upstream's
 * {@code restaurantsdbread} and {@code restaurantsdbupdate} do (sample-app.md §11.2), so a replaced or unreachable
 * database fails the request that needs it rather than a pool. One difference: upstream's getvotes opens a
 * connection for each of its four reads; here the four share one, since a PostgreSQL connection (a backend process
 * forked and initialised) is most of the work and yelb-db has a quarter of a CPU, as on Fargate: four per request
 * made the database, not service discovery, what the walkthrough measured.
 */
final class Votes {
    // upstream's connection settings, fixed in the Ruby code and the yelb-db image
    private static final String DATABASE = "yelbdatabase";
    private static final String USER = "postgres";
    private static final String PASSWORD = "postgres_password";
    private static final int CONNECT_TIMEOUT_SECONDS = 10;
    private static final int SOCKET_TIMEOUT_SECONDS = 30;

    private final Driver driver = new Driver();
    private final String url;
    private final Properties properties = new Properties();

    Votes(String host, int port) {
        this.url = "jdbc:postgresql://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/" + DATABASE;
        properties.setProperty("user", USER);
        properties.setProperty("password", PASSWORD);
        properties.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
        properties.setProperty("socketTimeout", Integer.toString(SOCKET_TIMEOUT_SECONDS));
        properties.setProperty("ApplicationName", "yelb-appserver");
        // startup parameters (application name, float digits) in the startup packet, not as SET statements after it
        properties.setProperty("assumeMinServerVersion", "9.4");
    }

    /** {@code SELECT count FROM restaurants WHERE name = $1}, the count as upstream renders it. */
    String count(Restaurant restaurant) throws SQLException {
        return counts(List.of(restaurant)).getFirst();
    }

    /** The counts of several restaurants, read in this order on one connection. */
    List<String> counts(List<Restaurant> restaurants) throws SQLException {
        List<String> counts = new ArrayList<>(restaurants.size());
        try (Connection db = connect();
             PreparedStatement select = db.prepareStatement("SELECT count FROM restaurants WHERE name = ?")) {
            for (Restaurant restaurant : restaurants) {
                select.setString(1, restaurant.key());
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        // upstream's getvalue(0, 0) raises on an empty result: a 500
                        throw new SQLException("no row for restaurant '" + restaurant.key() + "'");
                    }
                    counts.add(row.getString(1));
                }
            }
        }
        return counts;
    }

    /** One vote, then the new count read on a connection of its own, as upstream's update-then-read does. */
    String vote(Restaurant restaurant) throws SQLException {
        try (Connection db = connect();
             PreparedStatement update = db.prepareStatement(
                     "UPDATE restaurants SET count = count +1 WHERE name = ?")) {
            update.setString(1, restaurant.key());
            update.executeUpdate();
        }
        return count(restaurant);
    }

    private Connection connect() throws SQLException {
        Connection db = driver.connect(url, properties);
        if (db == null) {
            throw new SQLException("the PostgreSQL driver does not accept " + url);
        }
        return db;
    }
}
