#!/usr/bin/env bash
# The real issuer and index files of ../shared/data/real (read in place, never copied), one per ETF, as CLI arguments.
# Usage: bench/real-data-files.sh holdings|universes|screeners [root]
set -euo pipefail
root="${2:-$(cd "$(dirname "$0")/../.." && pwd)/shared/data/real}"
case "$1" in
  holdings)
    for f in MitchellRLayton_portfolio-xray/ivv_holdings.csv CarterTschumper_quant_finance_projects/IWV_holdings.csv \
             LuxSire_PortfolioApp/IWM_holdings.csv ainergiconsulting_TradingbotR1000/IWB_holdings.csv JonathanKoblik_Team3/ITOT_holdings.csv \
             LuxSire_PortfolioApp/ARKK_HOLDINGS.csv RachelT03_cs6386_project/qqq_holdings.csv MitchellRLayton_portfolio-xray/spy_holdings.xlsx \
             FerdinandBjerreWahl_Energy-Economics/holdings-daily-us-en-dia.xlsx DavidL7234_sector_rotation/holdings-daily-us-en-xle.xlsx \
             DavidL7234_sector_rotation/holdings-daily-us-en-xlu.xlsx DavidL7234_sector_rotation/holdings-daily-us-en-cnrg.xlsx; do
      echo "--file=$root/$f"
    done
    for a in ARKG ARKQ ARKW ARKX IZRL PRNT; do echo "--file=$root/tsekityam_ark-funds-flat-data/ARK_INNOVATION_ETF_${a}_HOLDINGS.csv"; done
    for j in VOO VTI VGT VUG VTV VIG VYM VB VO VNQ MDY SPLG XLB XLC XLF XLI XLK XLP XLRE XLV XLY IWD IWF IJH IJR MTUM QUAL USMV VLUE LRGF; do
      echo "--file=$root/MitchellRLayton_portfolio-xray/holdings_json/$j.json"
    done ;;
  universes)
    echo "--file=sp500=$root/datasets_s-and-p-500-companies/constituents.csv"
    echo "--file=nasdaq100=$root/RachelT03_cs6386_project/qqq_holdings.csv"
    echo "--file=dow30=$root/tunglich_Market-Timing-DQN/dow30_constituents.csv"
    echo "--file=russell3000=$root/CarterTschumper_quant_finance_projects/IWV_holdings.csv" ;;
  screeners)
    for f in nasdaq nyse amex; do echo "--file=screener=$root/rreichel3_US-Stock-Symbols/${f}_full_tickers.json"; done ;;
  *) echo "usage: $0 holdings|universes|screeners" >&2; exit 2 ;;
esac
