package dev.mooring.elb.shape;

import java.util.List;

/** Where a forward action sends requests. */
public record ForwardActionConfig(List<TargetGroupTuple> targetGroups, TargetGroupStickinessConfig targetGroupStickinessConfig) {}
