package io.relationships.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The real issuer and index files of {@code ../shared/data/real}, read in place (never copied into the
 * repository). One file per ETF: where the collection holds several for one fund, the issuer's own newest file
 * is taken (the others are kept for the tests that show what happens with them).
 */
public final class RealData {

    public static final Path ROOT = Path.of("../shared/data/real");

    private RealData() {
    }

    public static boolean present() {
        return Files.isDirectory(ROOT);
    }

    /** The holdings files, one per ETF. */
    public static List<Path> holdings() {
        List<Path> files = new ArrayList<>(List.of(
                ROOT.resolve("MitchellRLayton_portfolio-xray/ivv_holdings.csv"),
                ROOT.resolve("CarterTschumper_quant_finance_projects/IWV_holdings.csv"),
                ROOT.resolve("LuxSire_PortfolioApp/IWM_holdings.csv"),
                ROOT.resolve("ainergiconsulting_TradingbotR1000/IWB_holdings.csv"),
                ROOT.resolve("JonathanKoblik_Team3/ITOT_holdings.csv"),
                ROOT.resolve("LuxSire_PortfolioApp/ARKK_HOLDINGS.csv"),
                ROOT.resolve("RachelT03_cs6386_project/qqq_holdings.csv"),
                ROOT.resolve("MitchellRLayton_portfolio-xray/spy_holdings.xlsx"),
                ROOT.resolve("FerdinandBjerreWahl_Energy-Economics/holdings-daily-us-en-dia.xlsx"),
                ROOT.resolve("DavidL7234_sector_rotation/holdings-daily-us-en-xle.xlsx"),
                ROOT.resolve("DavidL7234_sector_rotation/holdings-daily-us-en-xlu.xlsx"),
                ROOT.resolve("DavidL7234_sector_rotation/holdings-daily-us-en-cnrg.xlsx")));
        for (String ark : List.of("ARKG", "ARKQ", "ARKW", "ARKX", "IZRL", "PRNT")) {
            files.add(ROOT.resolve("tsekityam_ark-funds-flat-data/ARK_INNOVATION_ETF_" + ark + "_HOLDINGS.csv"));
        }
        // the derived JSON of funds that have no issuer file here
        for (String fund : List.of("VOO", "VTI", "VGT", "VUG", "VTV", "VIG", "VYM", "VB", "VO", "VNQ", "MDY", "SPLG", "XLB", "XLC",
                "XLF", "XLI", "XLK", "XLP", "XLRE", "XLV", "XLY", "IWD", "IWF", "IJH", "IJR", "MTUM", "QUAL", "USMV", "VLUE", "LRGF")) {
            files.add(ROOT.resolve("MitchellRLayton_portfolio-xray/holdings_json/" + fund + ".json"));
        }
        return files;
    }

    /** NASDAQ's stock screener exports (their own sector vocabulary). */
    public static List<Path> screeners() {
        return List.of(ROOT.resolve("rreichel3_US-Stock-Symbols/nasdaq_full_tickers.json"),
                ROOT.resolve("rreichel3_US-Stock-Symbols/nyse_full_tickers.json"),
                ROOT.resolve("rreichel3_US-Stock-Symbols/amex_full_tickers.json"));
    }

    /** Universe key to the file that stands for it. */
    public static Map<String, Path> universes() {
        return Map.of(
                "sp500", ROOT.resolve("datasets_s-and-p-500-companies/constituents.csv"),
                "nasdaq100", ROOT.resolve("RachelT03_cs6386_project/qqq_holdings.csv"),
                "dow30", ROOT.resolve("tunglich_Market-Timing-DQN/dow30_constituents.csv"),
                "russell3000", ROOT.resolve("CarterTschumper_quant_finance_projects/IWV_holdings.csv"));
    }
}
