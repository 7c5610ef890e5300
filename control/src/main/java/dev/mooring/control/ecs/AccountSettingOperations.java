package dev.mooring.control.ecs;

import dev.mooring.core.operation.RequestContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * PutAccountSetting, PutAccountSettingDefault, DeleteAccountSetting, ListAccountSettings. A setting holds for one
 * principal (the caller, here the account's root, unless {@code principalArn}); the default is the root's. ECS's
 * defaults answer where nothing was set. The long ARN formats can no longer be turned off, as on AWS.
 */
final class AccountSettingOperations {
    /** ECS's defaults, by setting name (ECS model "SettingName"). */
    private static final Map<String, String> DEFAULTS = defaults();

    private final EcsState ecs;

    AccountSettingOperations(EcsState ecs) {
        this.ecs = ecs;
    }

    private static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("serviceLongArnFormat", "enabled");
        d.put("taskLongArnFormat", "enabled");
        d.put("containerInstanceLongArnFormat", "enabled");
        d.put("awsvpcTrunking", "disabled");
        d.put("containerInsights", "disabled");
        d.put("fargateFIPSMode", "disabled");
        d.put("tagResourceAuthorization", "on");
        d.put("fargateTaskRetirementWaitPeriod", "7");
        d.put("guardDutyActivate", "off");
        d.put("defaultLogDriverMode", "blocking");
        d.put("fargateEventWindows", "disabled");
        return Map.copyOf(d);
    }

    private static String root(RequestContext ctx) {
        return "arn:aws:iam::" + ctx.accountId() + ":root";
    }

    Responses.SettingResponse put(RequestContext ctx, Requests.PutAccountSetting in) {
        return new Responses.SettingResponse(store(ctx, in.name(), in.value(),
                in.principalArn() == null ? root(ctx) : in.principalArn()));
    }

    Responses.SettingResponse putDefault(RequestContext ctx, Requests.PutAccountSetting in) {
        if (in.principalArn() != null) {
            throw Errors.invalid("PutAccountSettingDefault takes no principalArn: it sets the account's default.");
        }
        return new Responses.SettingResponse(store(ctx, in.name(), in.value(), root(ctx)));
    }

    private AccountSetting store(RequestContext ctx, String name, String value, String principal) {
        requireName(name);
        Validation.require(value, "value");
        if (name.endsWith("LongArnFormat") && !"enabled".equals(value)) {
            throw Errors.invalid("The long ARN format setting " + name + " can no longer be disabled.");
        }
        validateValue(name, value);
        AccountSetting setting = new AccountSetting(name, value, principal, "user");
        ecs.store().write(tx -> {
            tx.put(ecs.tables().accountSettings(), new StoredAccountSetting(ctx.region(), setting));
            return null;
        });
        return setting;
    }

    Responses.SettingResponse delete(RequestContext ctx, Requests.DeleteAccountSetting in) {
        requireName(in.name());
        String principal = in.principalArn() == null ? root(ctx) : in.principalArn();
        String key = AccountSetting.key(ctx.region(), principal, in.name());
        AccountSetting removed = ecs.store().write(tx -> {
            Optional<StoredAccountSetting> current = tx.get(ecs.tables().accountSettings(), key);
            current.ifPresent(c -> tx.delete(ecs.tables().accountSettings(), key));
            return current.map(StoredAccountSetting::setting).orElse(null);
        });
        if (removed == null) {
            throw Errors.invalid("Account setting " + in.name() + " is not set for " + principal + ".");
        }
        return new Responses.SettingResponse(removed);
    }

    Responses.ListAccountSettings list(RequestContext ctx, Requests.ListAccountSettings in) {
        if (in.name() != null) {
            requireName(in.name());
        }
        if (in.value() != null && in.name() == null) {
            throw Errors.invalid("value filters a setting named by name: give name too.");
        }
        String principal = in.principalArn() == null ? root(ctx) : in.principalArn();
        List<AccountSetting> settings = new ArrayList<>();
        for (String name : DEFAULTS.keySet().stream().sorted().toList()) {
            if (in.name() != null && !in.name().equals(name)) {
                continue;
            }
            Optional<AccountSetting> own = setting(ctx, principal, name);
            Optional<AccountSetting> effective = own.or(() -> setting(ctx, root(ctx), name))
                    .or(() -> Optional.of(new AccountSetting(name, DEFAULTS.get(name), principal, "aws_managed")));
            Optional<AccountSetting> shown = Boolean.TRUE.equals(in.effectiveSettings()) ? effective : own;
            shown.filter(s -> in.value() == null || in.value().equals(s.value())).ifPresent(settings::add);
        }
        var page = dev.mooring.control.Page.of(settings.stream(), AccountSetting::name, in.nextToken(),
                in.maxResults(), 10, 10, "InvalidParameterException");
        return new Responses.ListAccountSettings(page.items(), page.nextToken());
    }

    private Optional<AccountSetting> setting(RequestContext ctx, String principal, String name) {
        return ecs.tables().accountSettings().get(AccountSetting.key(ctx.region(), principal, name))
                .map(StoredAccountSetting::setting);
    }

    private static void requireName(String name) {
        Validation.require(name, "name");
        Validation.oneOf(name, DEFAULTS.keySet(), "name");
    }

    private static void validateValue(String name, String value) {
        switch (name) {
            case "fargateTaskRetirementWaitPeriod" -> Validation.oneOf(value, java.util.Set.of("0", "7", "14"),
                    "value");
            case "tagResourceAuthorization", "guardDutyActivate" -> Validation.oneOf(value,
                    java.util.Set.of("on", "off"), "value");
            case "defaultLogDriverMode" -> Validation.oneOf(value, java.util.Set.of("blocking", "non-blocking"),
                    "value");
            case "containerInsights" -> Validation.oneOf(value, java.util.Set.of("enabled", "disabled",
                    "enhanced"), "value");
            default -> Validation.oneOf(value, java.util.Set.of("enabled", "disabled"), "value");
        }
    }
}
