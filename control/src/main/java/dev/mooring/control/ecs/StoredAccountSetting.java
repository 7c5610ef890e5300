package dev.mooring.control.ecs;

/** An account setting with the region it belongs to, as the store keeps it. */
public record StoredAccountSetting(String region, AccountSetting setting) {
    public String key() {
        return AccountSetting.key(region, setting.principalArn(), setting.name());
    }
}
