/**
 * yelb-appserver: the upstream Ruby/Sinatra app server's HTTP API, byte for byte (sample-app.md §11.2), backed by the
 * real PostgreSQL (votes) and Redis (page views), with a new connection per request as the original opens.
 */
package dev.mooring.samples.yelb.appserver;
