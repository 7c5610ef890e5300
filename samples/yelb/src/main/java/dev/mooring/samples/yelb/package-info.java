/**
 * The YELB sample application (sample-app.md §11) in Java, as the containers of the Service Connect walkthrough run
 * it: {@link dev.mooring.samples.yelb.Main} starts the app server or the UI, one per container.
 */
package dev.mooring.samples.yelb;
