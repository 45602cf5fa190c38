/** Outdial module root. */
package org.outdial.api;
