/** Jackson mappers configured the way AWS's JSON protocols and Mooring's store expect. */
package dev.mooring.core.json;
