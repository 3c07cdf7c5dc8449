/// Given-name variants the evidence pass treats as one name when the two authors share coauthors
/// (`docs/identity.md`, "Join: variants that share coauthors").
///
/// The table is data: one line per formal name, `formal<TAB>nickname,nickname,…`, all folded as
/// `NameKey.givenKey` folds (lower case, letters only). The pairs are common English diminutives
/// found in the nickname list of Carlton Northern et al. (github.com/carltonnorthern/nicknames,
/// `names.csv`, Apache-2.0), kept to names that are not also common formal names of their own or
/// another person (no "Al", "Bert", "Chris", "Sam", "Alex", "Pat", "Fred", "Ed", "Dan", "Jo", "Harry",
/// "Drew", "Liam", "Jack": each stands for several formal names or is one). A nickname maps to one
/// formal name only.
enum Nicknames {
    static let table = """
    robert\tbob,bobby,rob,robbie,bert
    william\tbill,billy,will,willy,liam
    richard\trick,ricky,dick,rich
    james\tjim,jimmy,jamie
    john\tjohnny,jack
    joseph\tjoe,joey
    thomas\ttom,tommy
    michael\tmike,mikey,mick
    charles\tchuck,charlie
    anthony\ttony
    kenneth\tken,kenny
    stephen\tsteve
    steven\tstevie
    timothy\ttim,timmy
    matthew\tmatt
    nicholas\tnick,nicky
    benjamin\tben,benny
    jonathan\tjon
    edward\tted,teddy,ned
    david\tdave,davey
    daniel\tdanny
    gregory\tgreg
    jeffrey\tjeff
    lawrence\tlarry
    leonard\tlenny
    raymond\tray
    ronald\tron,ronnie
    donald\tdon,donny
    douglas\tdoug
    gerald\tjerry
    harold\thal,harry
    peter\tpete
    philip\tphil
    samuel\tsammy
    zachary\tzach,zack
    andrew\tandy,drew
    elizabeth\tliz,lizzy,beth,betty,betsy
    margaret\tmaggie,meg,peggy
    katherine\tkate,kathy,katie
    catherine\tcathy
    jennifer\tjenny,jen
    patricia\tpatty,trish
    susan\tsue,susie
    deborah\tdebbie,debra
    rebecca\tbecky
    victoria\tvicky
    jacqueline\tjackie
    christine\tchrissy
    """

    /// Nickname → formal name.
    static let formal: [String: String] = {
        var out: [String: String] = [:]
        for line in table.split(separator: "\n") {
            let parts = line.split(separator: "\t")
            guard parts.count == 2 else { continue }
            let name = String(parts[0])
            for nick in parts[1].split(separator: ",") {
                precondition(out[String(nick)] == nil, "Nicknames: '\(nick)' listed twice")
                out[String(nick)] = name
            }
        }
        return out
    }()

    /// The formal name of a folded given-name word ("bob" → "robert"); the word itself otherwise.
    static func canonical(_ word: String) -> String { formal[word] ?? word }

    /// Nicknames whose first letter is not their formal name's ("bill" → "william"): the only ones
    /// that move an author to another name block.
    static let movingBlock: [String: String] = formal.filter { $0.key.first != $0.value.first }
}
