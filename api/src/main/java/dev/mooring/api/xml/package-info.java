/**
 * XML for the protocols that speak it (awsQuery's responses, restXml's bodies), with the JDK's StAX, which escapes
 * what it writes. A response record goes to XML through Jackson's tree, so the member names and value formats are the
 * same mapper conventions the JSON protocols use; a request body comes back as a tree guided by the request record's
 * types, so a one-item list is still a list.
 */
package dev.mooring.api.xml;
