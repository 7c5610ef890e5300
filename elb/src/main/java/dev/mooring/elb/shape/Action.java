package dev.mooring.elb.shape;


/** What a listener or rule does with a request. */
public record Action(ActionType type, String targetGroupArn, Integer order, RedirectActionConfig redirectConfig, FixedResponseActionConfig fixedResponseConfig, ForwardActionConfig forwardConfig) {}
