package dev.mooring.elb;

import dev.mooring.store.Store;
import dev.mooring.store.Table;

/** The ELBv2 tables, every row keyed by ARN (registrations by target group ARN, address and port). */
public record ElbTables(Store store, Table<StoredLoadBalancer> loadBalancers, Table<StoredTargetGroup> targetGroups,
                        Table<StoredListener> listeners, Table<StoredRule> rules, Table<Registration> registrations) {

    public static ElbTables open(Store store) {
        return new ElbTables(store,
                store.table("elb-load-balancer", StoredLoadBalancer.class, StoredLoadBalancer::arn),
                store.table("elb-target-group", StoredTargetGroup.class, StoredTargetGroup::arn),
                store.table("elb-listener", StoredListener.class, StoredListener::arn),
                store.table("elb-rule", StoredRule.class, StoredRule::arn),
                store.table("elb-registration", Registration.class, Registration::key));
    }
}
