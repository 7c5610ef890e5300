package dev.mooring.elb;

import dev.mooring.core.operation.RequestContext;
import dev.mooring.elb.shape.Tag;
import dev.mooring.elb.shape.TagDescription;
import dev.mooring.store.Tx;
import java.util.ArrayList;
import java.util.List;

/** AddTags, RemoveTags and DescribeTags over load balancers, target groups, listeners and rules. */
final class TagOperations {
    private static final int MAX_RESOURCES = 20;

    private final ElbTables t;

    TagOperations(ElbTables tables) {
        this.t = tables;
    }

    private static List<String> resources(List<String> arns) {
        Errors.required(arns, "ResourceArns");
        if (arns.isEmpty() || arns.size() > MAX_RESOURCES) {
            throw Errors.validation("Give 1 to " + MAX_RESOURCES + " resource ARNs");
        }
        return arns;
    }

    private static Arns.Kind kind(String arn) {
        return Arns.kind(arn).orElseThrow(() -> Errors.validation("'" + arn
                + "' is not the ARN of a load balancer, target group, listener or rule"));
    }

    /** Reads one row, from a write's view or a snapshot. */
    private interface Rows {
        <T> java.util.Optional<T> get(dev.mooring.store.Table<T> table, String key);
    }

    private List<Tag> tagsOf(Rows rows, String arn) {
        Arns.Kind kind = kind(arn);
        java.util.Optional<List<Tag>> tags = switch (kind) {
            case LOAD_BALANCER -> rows.get(t.loadBalancers(), arn).map(StoredLoadBalancer::tags);
            case TARGET_GROUP -> rows.get(t.targetGroups(), arn).map(StoredTargetGroup::tags);
            case LISTENER -> rows.get(t.listeners(), arn).map(StoredListener::tags);
            case RULE -> rows.get(t.rules(), arn).map(StoredRule::tags);
        };
        return tags.orElseThrow(() -> Errors.notFound(kind, "'" + arn + "'"));
    }

    private List<Tag> tagsOf(Tx tx, String arn) {
        return tagsOf(new Rows() {
            @Override
            public <T> java.util.Optional<T> get(dev.mooring.store.Table<T> table, String key) {
                return tx.get(table, key);
            }
        }, arn);
    }

    private void setTags(Tx tx, String arn, List<Tag> tags) {
        switch (kind(arn)) {
            case LOAD_BALANCER -> tx.get(t.loadBalancers(), arn).ifPresent(x -> tx.put(t.loadBalancers(),
                    x.with(x.loadBalancer(), x.attributes(), tags)));
            case TARGET_GROUP -> tx.get(t.targetGroups(), arn).ifPresent(x -> tx.put(t.targetGroups(),
                    new StoredTargetGroup(x.targetGroup(), x.attributes(), tags)));
            case LISTENER -> tx.get(t.listeners(), arn).ifPresent(x -> tx.put(t.listeners(),
                    new StoredListener(x.listener(), x.defaultRuleArn(), tags)));
            case RULE -> tx.get(t.rules(), arn).ifPresent(x -> tx.put(t.rules(),
                    new StoredRule(x.rule(), x.listenerArn(), tags)));
        }
    }

    Object add(RequestContext ctx, Requests.AddTags in) {
        List<String> arns = resources(in.resourceArns());
        List<Tag> tags = Tags.valid(Errors.required(in.tags(), "Tags"));
        t.store().write(tx -> {
            for (String arn : arns) {
                setTags(tx, arn, Tags.merge(tagsOf(tx, arn), tags, arn));
            }
            return null;
        });
        return null;
    }

    Object remove(RequestContext ctx, Requests.RemoveTags in) {
        List<String> arns = resources(in.resourceArns());
        List<String> keys = Errors.required(in.tagKeys(), "TagKeys");
        t.store().write(tx -> {
            for (String arn : arns) {
                setTags(tx, arn, Tags.remove(tagsOf(tx, arn), keys));
            }
            return null;
        });
        return null;
    }

    Results.TagDescriptions describe(RequestContext ctx, Requests.DescribeTags in) {
        List<String> arns = resources(in.resourceArns());
        dev.mooring.store.Snapshot s = t.store().snapshot();
        Rows rows = new Rows() {
            @Override
            public <T> java.util.Optional<T> get(dev.mooring.store.Table<T> table, String key) {
                return s.get(table, key);
            }
        };
        List<TagDescription> out = new ArrayList<>();
        for (String arn : arns) {
            out.add(new TagDescription(arn, tagsOf(rows, arn)));
        }
        return new Results.TagDescriptions(out);
    }
}
