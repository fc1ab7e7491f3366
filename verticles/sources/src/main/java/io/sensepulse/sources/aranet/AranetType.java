package io.sensepulse.sources.aranet;

/** The Aranet devices whose adverts decode; the code is the advert's leading type byte (Aranet4 sends none). */
public enum AranetType {
  ARANET4(0, "Aranet4"),
  ARANET2(1, "Aranet2"),
  ARANET_RADIATION(2, "Aranet Radiation"),
  ARANET_RADON(3, "Aranet Radon Plus");

  private final int code;
  private final String model;

  AranetType(int code, String model) {
    this.code = code;
    this.model = model;
  }

  public int code() {
    return code;
  }

  public String model() {
    return model;
  }

  static AranetType ofCode(int code) {
    for (AranetType type : values()) {
      if (type.code == code) {
        return type;
      }
    }
    throw new IllegalArgumentException("unknown Aranet device type byte " + code + " (known: 1 Aranet2, 2 Radiation, 3 Radon)");
  }
}
