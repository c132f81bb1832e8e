import { cyrillic, WE, words } from "./lexicon.js";
import type { TellPattern } from "./tells.js";

/*
 * The persona tells that carry a jailbreak, in the languages jailbreak templates circulate in
 * besides English (DAN and developer mode were translated early and widely): es, fr, de, it, pt,
 * ru, zh, ja. Kinds are the ones persona-jailbreak.ts combines: set-up (framing), unbinding,
 * compliance.
 */

const UNBOUND = { kind: "unbound", label: "persona declared unbound", score: 0.65 } as const;
const DAN = { kind: "dan", label: "DAN persona", score: 0.85 } as const;
const SETUP = { kind: "setup", label: "persona set-up", score: 0.25 } as const;
const COMPLIANT = { kind: "compliant", label: "persona never refuses", score: 0.45 } as const;

export const PERSONA_ELSEWHERE: readonly TellPattern[] = [
  // es / pt
  {
    ...UNBOUND,
    start: words("sin sem"),
    rest: `\\s+(?:ninguna\\s+|nenhuma\\s+|ningun\\s+|nenhum\\s+)?(?:restricci[oó]n(?:es)?|restri[çc](?:[ãa]o|[õo]es)|filtros?|censura|l[ií]mites?|limita[çc](?:[ãa]o|[õo]es)|[ée]tica|moral)${WE}`,
  },
  {
    ...UNBOUND,
    start: words("no_tiene n[ãa]o_tem libre_de livre_de"),
    rest: `\\s+(?:ninguna\\s+|nenhuma\\s+|de\\s+)?(?:todas?\\s+las\\s+|todas?\\s+as\\s+)?(?:restricci[oó]n(?:es)?|restri[çc](?:[ãa]o|[õo]es)|filtros?|censura|l[ií]mites?|reglas|regras)${WE}`,
  },
  {
    ...DAN,
    start: words("modo_desarrollador modo_desenvolvedor haz_cualquier_cosa_ahora fa[çc]a_qualquer_coisa_agora"),
    rest: WE,
  },
  { ...SETUP, start: words("act[uú]a_como finge_ser interpreta_el_papel aja_como finja_ser"), rest: WE },
  {
    ...COMPLIANT,
    start: words("nunca_te_niegues nunca_rechaces nunca_recuse nunca_se_recuse no_puedes_negarte"),
    rest: WE,
  },
  // fr
  {
    ...UNBOUND,
    start: words("sans libre_de libéré_de"),
    rest: `\\s+(?:aucune?\\s+|toutes?\\s+les\\s+)?(?:restrictions?|filtres?|censure|limites?|limitations?|r[èe]gles|[ée]thique|morale)${WE}`,
  },
  { ...DAN, start: words("mode_d[ée]veloppeur"), rest: WE },
  { ...SETUP, start: words("fais_semblant joue_le_r[ôo]le agis_comme"), rest: WE },
  { ...COMPLIANT, start: words("ne_refuse_jamais ne_refusez_jamais tu_ne_peux_pas_refuser"), rest: WE },
  // de
  {
    ...UNBOUND,
    start: words("ohne keine frei_von"),
    rest: `\\s+(?:jegliche\\s+|alle\\s+)?(?:einschr[äa]nkungen|beschr[äa]nkungen|filter|zensur|grenzen|regeln|ethik|moral)${WE}`,
  },
  { ...DAN, start: words("entwicklermodus"), rest: WE },
  { ...SETUP, start: words("tu_so,?_als_ob schl[üu]pfe_in_die_rolle spiele_die_rolle"), rest: WE },
  { ...COMPLIANT, start: words("lehne_niemals lehnst_niemals"), rest: WE },
  // it
  {
    ...UNBOUND,
    start: words("senza libero_da"),
    rest: `\\s+(?:alcuna\\s+|nessuna\\s+|tutte\\s+le\\s+)?(?:restrizioni|filtri|censura|limiti|limitazioni|regole|etica|morale)${WE}`,
  },
  { ...DAN, start: words("modalit[àa]_sviluppatore"), rest: WE },
  { ...COMPLIANT, start: words("non_rifiutare_mai non_rifiuti_mai"), rest: WE },
  // ru
  {
    ...UNBOUND,
    start: words("без свободен_от").map(cyrillic),
    rest: cyrillic(
      `\\s+(?:каких-либо\\s+|всяких\\s+)?(?:ограничени\\p{L}*|фильтр\\p{L}*|цензур\\p{L}*|правил\\p{L}*|этики|морали)`,
    ),
  },
  { ...DAN, start: words("режим_разработчика").map(cyrillic), rest: "" },
  { ...COMPLIANT, start: words("никогда_не_отказывай").map(cyrillic), rest: "" },
  // zh
  {
    ...UNBOUND,
    start: words("不受 没有 沒有 摆脱 擺脫 突破 无视 無視 不遵守 不需要遵守 不必遵守 不用遵守 无需遵守"),
    rest: "[^。！？\\n]{0,10}?(?:限制|约束|約束|审查|審查|过滤|過濾|规则|規則|道德|伦理|倫理|政策|准则|準則)",
  },
  {
    ...DAN,
    start: words("开发者模式 開發者模式 越狱模式 越獄模式 现在就做任何事 什么都可以做 可以做任何事"),
    rest: "",
  },
  { ...SETUP, start: words("扮演 角色扮演 假装 假裝"), rest: "" },
  {
    ...COMPLIANT,
    start: words("永远不要拒绝 永遠不要拒絕 不能拒绝 不能拒絕 不会拒绝 不會拒絕 绝不拒绝 絕不拒絕"),
    rest: "",
  },
  // ja
  { ...UNBOUND, start: words("制限なし 制限のない 制限を受けない 倫理的な制約 検閲なし"), rest: "" },
  { ...DAN, start: words("開発者モード 脱獄モード 何でもできる"), rest: "" },
  { ...SETUP, start: words("ロールプレイ なりきって"), rest: "" },
];
