/**
 * {@code mooring demo}: the YELB sample's Service Connect migration (sample-app.md §2, §4, §9) in one command.
 * It deploys the "before" topology through the public APIs only (ECS, Cloud Map, ELBv2, Route 53), measures the
 * sample's load test with appserver chaos, migrates with the sample's four {@code sc-update} files through
 * UpdateService, measures again and reports both phases side by side (text, JSON and a self-contained HTML page).
 *
 * <p>Two seams are the coordinator's to wire: {@link dev.mooring.demo.DemoMetrics} (CloudWatch-style sums, to be
 * answered by the server's metrics endpoint) and {@link dev.mooring.demo.TaskKiller} (to be the chaos endpoint);
 * the interim implementations are {@link dev.mooring.demo.InterimMetrics} and
 * {@link dev.mooring.demo.NamespaceKiller}.
 */
package dev.mooring.demo;
