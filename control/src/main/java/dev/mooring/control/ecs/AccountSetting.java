package dev.mooring.control.ecs;

/**
 * An ECS account setting as the API shows it (ECS model "Setting"). Stored under {@link #key}: region, principal and
 * name, so each principal of each region has its own value and the account default is the root principal's.
 */
public record AccountSetting(String name, String value, String principalArn, String type) {
    static String key(String region, String principalArn, String name) {
        return region + "|" + principalArn + "|" + name;
    }
}
