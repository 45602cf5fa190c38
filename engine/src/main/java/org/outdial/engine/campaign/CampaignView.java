package org.outdial.engine.campaign;

/** An autodialer with its statistics, as GET_LIST and GET_WITH_DATA show it. */
public record CampaignView(Campaign campaign, CampaignStatistics statistics) {
}
