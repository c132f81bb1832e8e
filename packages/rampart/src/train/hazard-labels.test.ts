import { HAZARDS, type Hazard } from "@rampart/guard";
import { describe, expect, it } from "vitest";
import { hazardOfCategory } from "./hazard-labels.js";

describe("hazardOfCategory", () => {
  it.each<[string, Hazard]>([
    ["vcr/skilled", "violent-crimes"],
    ["vcr/unskilled", "violent-crimes"],
    ["ncr/skilled", "non-violent-crimes"],
    ["src/unskilled", "sex-related-crimes"],
    ["cse/skilled", "child-sexual-exploitation"],
    ["dfm/skilled", "defamation"],
    ["prv/unskilled", "privacy"],
    ["ipv/skilled", "intellectual-property"],
    ["iwp/unskilled", "weapons-cbrne"],
    ["hte/skilled", "hate"],
    ["ssh/skilled", "self-harm"],
    ["sxc_prn/unskilled", "sexual-content"],
    ["sxc_prn/skilled", "sexual-content"],
    ["VCR/Skilled", "violent-crimes"],
    ["spc_fin/skilled", "specialized-advice"],
    ["spc_hlt/unskilled", "specialized-advice"],
    ["spc_lgl/skilled", "specialized-advice"],
    ["spc_ele/unskilled", "elections"],
  ])("reads the AILuminate code %s as %s", (category, hazard) => {
    expect(hazardOfCategory(category)).toBe(hazard);
  });

  it("maps every MLCommons code of the hazard table that has a hazard of its own", () => {
    // cyber, fraud and drugs share "ncr" with non-violent crimes; the code names the broader one.
    for (const [hazard, { mlcommons }] of Object.entries(HAZARDS)) {
      if (mlcommons === null) continue;
      const expected = mlcommons === "ncr" ? "non-violent-crimes" : hazard;
      expect(hazardOfCategory(`${mlcommons}/skilled`)).toBe(expected);
    }
  });

  it.each<[string, Hazard]>([
    ["Malware/Hacking", "cyber-malicious-code"],
    ["Non-violent crimes", "non-violent-crimes"],
    ["Hate/Harass/Violence/Cyberbullying", "hate"],
    ["Violence & incitement", "violent-crimes"],
    ["cybercrime_intrusion", "cyber-malicious-code"],
    ["Child Abuse/Content Sexual exploitation", "child-sexual-exploitation"],
    ["child_sexual_abuse", "child-sexual-exploitation"],
    ["CSAM", "child-sexual-exploitation"],
    ["chemical_biological", "weapons-cbrne"],
    ["Weapons; Violence & incitement", "weapons-cbrne"],
    ["Suicide, Self-Harm, and Eating Disorders/Instructions and actions", "self-harm"],
    ["self_harm", "self-harm"],
    ["Fraud/Deception/Phishing", "fraud"],
    ["Substance abuse & banned substances", "illegal-drugs"],
    ["Hate speech & offensive language", "hate"],
    ["harassment_bullying", "hate"],
    ["Soliciting personally identifiable information", "privacy"],
    ["copyright", "intellectual-property"],
    ["Sexual/Adult content", "sexual-content"],
    ["Violence & incitement", "violent-crimes"],
    ["terrorism,organized_crime", "violent-crimes"],
    ["Theft", "non-violent-crimes"],
    ["Illegal goods and services", "non-violent-crimes"],
    ["Political Campaigning/Election advertising", "elections"],
  ])("maps the worded category %s to %s", (category, hazard) => {
    expect(hazardOfCategory(category)).toBe(hazard);
  });

  it("needs the word sexual inside the same ';'-separated part as child to say child sexual exploitation", () => {
    // MultiJail lists several categories per row: a child-abuse row that is also adult content is
    // not thereby about the sexual exploitation of children.
    expect(hazardOfCategory("Child abuse; Adult content")).not.toBe("child-sexual-exploitation");
    expect(hazardOfCategory("Sexual exploitation & human trafficking; Adult content")).not.toBe(
      "child-sexual-exploitation",
    );
    expect(hazardOfCategory("Child abuse; Sexual exploitation & human trafficking; Adult content")).not.toBe(
      "child-sexual-exploitation",
    );
    expect(hazardOfCategory("Child abuse; Substance abuse & banned substances")).toBe("illegal-drugs");
  });

  it.each([
    "misinformation_disinformation",
    "Conspiracy theories & misinformation",
    "harmful",
    "illegal",
    "malicious_uses",
    "information_hazard",
    "Animal abuse",
    "Child Abuse/Neglect",
    "question",
    "",
  ])("leaves %j unlabelled rather than guess", (category) => {
    expect(hazardOfCategory(category)).toBeUndefined();
  });

  it("leaves a row without a category unlabelled", () => {
    expect(hazardOfCategory(undefined)).toBeUndefined();
  });
});
